import PixoraCore
import PixoraPipeline
import PixoraProviders
import Testing

@Suite("The voice of a request that names none")
struct DefaultVoiceTests {
    @Test("embedded speech gets this machine's default; a cloud voice keeps slt, its tables' default narrator")
    func byProvider() throws {
        #expect(try ProviderSettings.from(environment: [:]).defaultVoice == GeneratorSet.defaultVoice)
        for environment in [
            ["ELEVENLABS_API_KEY": "key"], ["FAL_KEY": "key"],
            ["OPENAI_API_KEY": "key", "PIXORA_SPEECH_PROVIDER": "openai"],
        ] {
            let providers = try ProviderSettings.from(environment: environment)
            #expect(providers.speech != .embedded, "\(environment)")
            #expect(providers.defaultVoice == .slt, "\(environment)")
        }
        let embedded = try ProviderSettings.from(environment: ["FAL_KEY": "key", "PIXORA_SPEECH_PROVIDER": "embedded"])
        #expect(embedded.defaultVoice == GeneratorSet.defaultVoice)
    }
}
