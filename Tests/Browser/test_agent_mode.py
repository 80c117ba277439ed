"""The director agent in the studio: on a server with a language model (here an emulated Chat Completions model
that answers with scripted tool calls) the landing form offers "Agent"; choosing it creates the video at once
and the progress page lists the agent's steps live, escaped, on a phone and a desktop, and again after a reload.
The suite's own server has no model, and its landing form has no such choice."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By

import studio
from studio import LONG, assert_no_console_errors, button, capture, visible, wait

HOSTILE = 'Plan first <img src=x onerror="window.__agentXSS = 1"> & keep it short'
SCRIPT = "Bees visit flowers for nectar. They turn it into honey in the hive."


def completion(content, name, arguments):
    return {
        "id": "chatcmpl-emulated", "object": "chat.completion", "created": 1_700_000_000, "model": "emulated",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": content,
            "tool_calls": [{"id": f"call_{name}", "type": "function",
                            "function": {"name": name, "arguments": json.dumps(arguments)}}]}}],
    }


# The model's turns, by how many it has taken in the conversation it is sent (so it needs no state of its own).
# generate_media is answered slowly so the page is seen with its steps while the video is still in the making.
TURNS = [
    (0, completion(HOSTILE, "write_script", {"script": SCRIPT})),
    (0, completion(None, "plan_scenes", {})),
    (4, completion(None, "generate_media", {})),
    (0, completion(None, "finish", {})),
]


class Model(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (the standard library's name)
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        taken = sum(1 for message in body.get("messages", []) if message.get("role") == "assistant")
        delay, answer = TURNS[min(taken, len(TURNS) - 1)]
        time.sleep(delay)
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def agent_server():
    model = ThreadingHTTPServer(("127.0.0.1", 0), Model)
    thread = threading.Thread(target=model.serve_forever, daemon=True)
    thread.start()
    try:
        server = studio.Server.start(extra_env={
            "OPENAI_BASE_URL": f"http://127.0.0.1:{model.server_address[1]}/v1", "OPENAI_API_KEY": "sk-emulated",
            "PIXORA_PLANNER_PROVIDER": "embedded", "PIXORA_ASSISTANT_PROVIDER": "embedded",
        })
    except RuntimeError as error:
        model.shutdown()
        pytest.fail(str(error))
    yield server
    server.stop()
    model.shutdown()


def step_tools(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('.agent-step')].map((s) => s.dataset.tool || s.dataset.kind);")


def no_overflow(driver, layout, theme):
    assert not studio.horizontal_overflow(driver), f"sideways scrolling on {layout}"


def test_agent_mode(driver, server, agent_server):
    # Without a model the choice is not offered.
    studio.visit(driver, server, "/")
    wait(driver, 30).until(lambda d: visible(d, "#prompt"), "the landing form did not show")
    assert not driver.find_elements(By.CSS_SELECTOR, "input[name=mode]"), "Agent offered without a model"

    email = studio.unique_email("agent")
    studio.sign_up(driver, agent_server, email)
    studio.visit(driver, agent_server, "/")
    wait(driver, 30).until(lambda d: visible(d, "#prompt"), "the landing form did not show")
    studio.fill(driver.find_element(By.ID, "prompt"), "How bees make honey")
    studio.fill(driver.find_element(By.ID, "duration"), "5")
    driver.find_element(By.CSS_SELECTOR, "label[for=quality-480p]").click()
    driver.find_element(By.CSS_SELECTOR, "label[for=mode-agent]").click()
    capture(driver, "landing-agent-choice", themes=("light",), check=no_overflow)
    button(driver, "Generate").click()
    dialog = wait(driver).until(lambda d: visible(d, "dialog[open]"), "no price confirmation")
    assert "5 credits" in dialog.text, dialog.text
    button(dialog, "Start the agent", exact=True).click()
    studio.wait_path(driver, re.compile(r"^/videos/[^/]+$"), timeout=30)
    video_id = studio.path_of(driver).rsplit("/", 1)[1]

    # The steps appear while the video is made, in order; the model's words are text, never markup.
    wait(driver, 60).until(lambda d: step_tools(d)[:3] == ["thought", "write_script", "plan_scenes"],
                           "the agent's first steps are not listed")
    thought = driver.find_element(By.CSS_SELECTOR, ".agent-step.thought .agent-summary")
    assert thought.text == HOSTILE, thought.text
    assert not driver.find_elements(By.CSS_SELECTOR, ".agent-steps img")
    assert not driver.execute_script("return window.__agentXSS")
    plan = driver.find_element(By.CSS_SELECTOR, ".agent-step[data-tool=plan_scenes]")
    assert "Planned the scenes" in plan.text and "scenes" in plan.text
    capture(driver, "video-agent-steps", check=no_overflow,
            ready=lambda d: wait(d).until(lambda d: visible(d, ".agent-card")))

    # A reload while it runs shows every step again, from the stored progress.
    driver.refresh()
    wait(driver, 30).until(lambda d: len(step_tools(d)) >= 3, "a reload lost the agent's steps")

    token = studio.access_token(driver)
    done = agent_server.wait_for_video(token, video_id, timeout=LONG)
    assert done["status"] == "completed", done
    tools = [step.get("tool") for step in done["job"]["progress"]["agent"] if step["kind"] == "tool"]
    assert tools == ["write_script", "plan_scenes", "generate_media", "finish"], tools
    assert " ".join(scene["narration"] for scene in done["plan"]["scenes"]) == SCRIPT
    wait(driver, 60).until(lambda d: visible(d, "video"), "the finished video does not show its preview")
    assert driver.find_element(By.ID, "credits-pill").text == "95 credits"
    assert_no_console_errors(driver)
