/// Every environment variable Pixora reads, declared once. Readers take their values from a parsed `Configuration`;
/// `pixora config` prints this list with the effective values; a test checks the README's tables against it.
public enum ConfigCatalogue {
    static let credits = ConfigVariable.Kind.number(.atLeast(0, upTo: 10_000))
    static let dollars = ConfigVariable.Kind.number(.atLeast(0))
    static let webURL = ConfigVariable.Kind.url(schemes: ["http", "https"], needsHost: true)
    static let key = ConfigVariable.Kind.text(minimumLength: 1)
    static let name = ConfigVariable.Kind.text(minimumLength: 1)

    public static let server: [ConfigVariable] = [
        .init(
            "DATABASE_URL", .url(schemes: ["postgres", "postgresql", "sqlite"], needsHost: false),
            shown: "<data>/pixora.sqlite", secret: true,
            "the database: postgres://… or sqlite:///path/file.sqlite"),
        .init(
            "PIXORA_DATA_DIR", .path, default: "data",
            "data folder: database, media, asset cache, mail outbox, JWT secret"),
        .init("PIXORA_HOST", name, default: "127.0.0.1", "address the server listens on"),
        .init("PIXORA_PORT", .integer(.atLeast(0, upTo: 65_535)), default: "8080", "port the server listens on"),
        .init("PIXORA_PUBLIC_URL", webURL, shown: "http://host:port", "base of links in mails and of share links"),
        .init(
            "PIXORA_JWT_SECRET", .text(minimumLength: 32), shown: "generated once into <data>/jwt-secret",
            secret: true, "HS256 secret for access tokens"),
        .init(
            "PIXORA_SMTP_URL", .url(schemes: ["smtp", "smtps"], needsHost: false),
            shown: "unset: mails go to <data>/outbox",
            secret: true, "mail server: smtp://user:pass@host:587?starttls=require or smtps://…"),
        .init("PIXORA_MAIL_FROM", name, default: "Pixora <no-reply@pixora.local>", "sender of mails"),
        .init("PIXORA_BCRYPT_COST", .integer(.atLeast(4, upTo: 16)), default: "11", "bcrypt work factor"),
        .init(
            "PIXORA_ACCESS_TOKEN_MINUTES", .integer(.atLeast(1, upTo: 1440)), default: "15",
            "how long an access token is valid (refresh tokens renew it)"),
        .init(
            "PIXORA_LOGIN_LIMIT", .integer(.atLeast(1)), default: "10",
            "sign-in attempts per email per 15 minutes (5× per address)"),
        .init("PIXORA_LEASE_SECONDS", .number(.above(0)), default: "30", "how long a worker's claim on a job lasts"),
        .init(
            "PIXORA_HEARTBEAT_SECONDS", .number(.above(0)), shown: "lease / 3",
            "how often a worker renews its claim"),
        .init(
            "PIXORA_RETENTION", .duration, default: "7d",
            "how long a finished video's files are kept (7d, 36h, 90m, 60s or forever)"),
        .init("PIXORA_JOB_ATTEMPTS", .integer(.atLeast(1)), default: "3", "attempts per job"),
        .init(
            "PIXORA_RETRY_BASE_SECONDS", .number(.atLeast(0)), default: "5",
            "backoff after a failed attempt, doubling per attempt"),
        .init(
            "PIXORA_LOG_LEVEL", .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"]),
            default: "info", "log level of the server and workers"),
        .init("PIXORA_LIST_CACHE", .boolean, default: "on", "answer unchanged video lists from memory (SQLite only)"),
        .init("PIXORA_WEB_DIR", .path, shown: "the bundled files", "serve the studio from this folder (development)"),
        .init(
            "PIXORA_UPLOAD_MAX_MB", .integer(.atLeast(1, upTo: 10_000)), default: "200",
            "largest sample video a remix project accepts, in MB"),
        .init(
            "PIXORA_WEBHOOK_ALLOW_PRIVATE", .boolean, default: "off",
            "let webhooks call private, loopback and link-local addresses (local receivers, tests)"),
        .init(
            "PIXORA_PLANS_FILE", .path, shown: "unset: the built-in plans when Stripe is configured, else no limits",
            "plans and their limits (YAML, or JSON by its .json name); turns billing on"),
        .init(
            "PIXORA_STORAGE", .url(schemes: ["s3"], needsHost: true), shown: "unset: media in <data>/media",
            "keep rendered videos and their versions in an S3-compatible bucket: s3://BUCKET?endpoint=URL&region=R"),
        .init(
            "PIXORA_STORAGE_REDIRECT", .boolean, default: "off",
            "media requests answer 302 to a short-lived presigned URL of the bucket instead of streaming through"),
        .init("AWS_ACCESS_KEY_ID", key, "access key of the bucket in PIXORA_STORAGE"),
        .init("AWS_SECRET_ACCESS_KEY", key, secret: true, "secret key of the bucket in PIXORA_STORAGE"),
        .init("AWS_SESSION_TOKEN", key, secret: true, "session token of temporary credentials (optional)"),
    ]

    public static let media: [ConfigVariable] = [
        .init(
            "PIXORA_CACHE_DIR", .path, shown: "$XDG_CACHE_HOME/pixora, else ~/.cache/pixora",
            "content-addressed asset cache"),
        .init("XDG_CACHE_HOME", .path, shown: "~/.cache", "the user's cache folder, when PIXORA_CACHE_DIR is unset"),
        .init(
            "PIXORA_SOUNDFONT", .path, shown: "/usr/share/sounds/sf2/FluidR3_GM.sf2",
            "General MIDI soundfont for music (used when the file exists)"),
        .init(
            "PIXORA_PIPER_VENV", .path, shown: ".venv-piper above the executable, else in the working directory",
            "Piper's virtual environment (scripts/install-piper.sh); a missing folder means flite speaks"),
        .init(
            "PIXORA_REQUIRE_PIPER", .boolean, default: "off",
            "tests fail instead of skipping the Piper checks when Piper is not installed"),
        .init(
            "PIXORA_TOOL_TRACE", .path, shown: "unset: no trace",
            "a file every ffmpeg, flite or fluidsynth run appends its start, pid, end of output and exit to"),
        .init(
            "PIXORA_QC_RETRIES", .integer(.atLeast(0, upTo: 10)), default: "2",
            "times an asset that fails its quality check is made again before the job fails"),
    ]

    public static let providers: [ConfigVariable] = [
        .init("OPENAI_API_KEY", key, secret: true, "key of the OpenAI-compatible language model"),
        .init(
            "OPENAI_BASE_URL", webURL, shown: "https://api.openai.com/v1",
            "Chat Completions API (Ollama, vLLM, Groq…)"),
        .init("PIXORA_LLM_MODEL", name, default: "gpt-4o-mini", "language model"),
        .init(
            "PIXORA_VISION_MODEL", name, shown: "unset: remix samples are described by rules",
            "vision model on the same endpoint that describes remix samples from their keyframes"),
        .init("PIXORA_TTS_MODEL", name, default: "gpt-4o-mini-tts", "OpenAI speech model"),
        .init("FAL_KEY", key, secret: true, "fal.ai key (pictures, clips, music, speech)"),
        .init("FAL_QUEUE_URL", webURL, default: "https://queue.fal.run", "fal.ai queue API"),
        .init("PIXORA_FAL_POLL_SECONDS", .number(.above(0)), default: "1", "pause between fal.ai status polls"),
        .init("PIXORA_FAL_IMAGE_MODEL", name, default: "fal-ai/flux-pro/v1.1-ultra", "fal.ai picture model"),
        .init(
            "PIXORA_FAL_VIDEO_MODEL", name, default: "fal-ai/kling-video/v1.6/pro/image-to-video",
            "fal.ai clip model"),
        .init("PIXORA_FAL_SPEECH_MODEL", name, default: "fal-ai/minimax/speech-02-hd", "fal.ai speech model"),
        .init("PIXORA_FAL_MUSIC_MODEL", name, default: "cassetteai/music-generator", "fal.ai music model"),
        .init("ELEVENLABS_API_KEY", key, secret: true, "ElevenLabs key (narration)"),
        .init("ELEVENLABS_BASE_URL", webURL, default: "https://api.elevenlabs.io", "ElevenLabs API"),
        .init("PIXORA_ELEVENLABS_MODEL", name, default: "eleven_multilingual_v2", "ElevenLabs model"),
        .init("PIXORA_ELEVENLABS_VOICE", name, shown: "from the video's voice", "ElevenLabs voice id for every video"),
        .init(
            "PIXORA_PLANNER_PROVIDER", .choice(["openai", "embedded"]),
            shown: "openai with OPENAI_API_KEY or OPENAI_BASE_URL, else embedded",
            "who writes the script and scenes"),
        .init(
            "PIXORA_IMAGE_PROVIDER", .choice(["fal", "embedded"]), shown: "fal with FAL_KEY, else embedded",
            "who paints pictures"),
        .init(
            "PIXORA_VIDEO_PROVIDER", .choice(["fal", "embedded"]), shown: "fal with FAL_KEY, else embedded",
            "who makes moving clips"),
        .init(
            "PIXORA_SPEECH_PROVIDER", .choice(["elevenlabs", "openai", "fal", "embedded"]),
            shown: "elevenlabs with ELEVENLABS_API_KEY, else fal with FAL_KEY, else embedded", "who narrates"),
        .init(
            "PIXORA_MUSIC_PROVIDER", .choice(["fal", "embedded"]), shown: "fal with FAL_KEY, else embedded",
            "who writes music"),
        .init(
            "PIXORA_ASSISTANT_PROVIDER", .choice(["openai", "embedded"]), shown: "as the planner",
            "who turns sentences into timeline edits"),
        .init(
            "PIXORA_PROVIDER_FALLBACK", .boolean, default: "off",
            "embedded generators stand in for failing providers"),
        .init("PIXORA_PROVIDER_TIMEOUT", .number(.above(0)), default: "120", "seconds per provider call"),
        .init("PIXORA_PROVIDER_ATTEMPTS", .integer(.atLeast(1)), default: "4", "tries per provider call"),
        .init("PIXORA_PROVIDER_RETRY_SECONDS", .number(.atLeast(0)), default: "1", "first backoff between tries"),
        .init("PIXORA_COST_IMAGE", dollars, default: "0.06", "recorded cost of a picture, US dollars"),
        .init("PIXORA_COST_VIDEO_PER_SECOND", dollars, default: "0.095", "recorded cost of a second of clip"),
        .init("PIXORA_COST_SPEECH_PER_1K_CHARS", dollars, default: "0.1", "recorded cost of 1000 narrated characters"),
        .init("PIXORA_COST_MUSIC_PER_SECOND", dollars, default: "0.0004", "recorded cost of a second of music"),
    ]

    public static let pricing: [ConfigVariable] = [
        .init("PIXORA_CREDITS_PER_SECOND", credits, default: "1", "credits per second of video"),
        .init("PIXORA_SCENE_VISUAL_CREDITS", credits, default: "3", "credits to regenerate a scene's picture"),
        .init("PIXORA_SCENE_AUDIO_CREDITS", credits, default: "1", "credits to regenerate a scene's voice"),
        .init("PIXORA_SIGNUP_CREDITS", credits, default: "100", "credits of a new account"),
        .init(
            "PIXORA_FAL_CREDITS_PER_SECOND", credits, default: "4",
            "added per second when fal.ai makes pictures or clips"),
        .init("PIXORA_FAL_SCENE_CREDITS", credits, default: "5", "added per regenerated scene picture with fal.ai"),
        .init("PIXORA_ELEVENLABS_CREDITS_PER_SECOND", credits, default: "0.5", "added per second with ElevenLabs"),
        .init("PIXORA_ELEVENLABS_SCENE_CREDITS", credits, default: "1", "added per regenerated voice with ElevenLabs"),
        .init("PIXORA_OPENAI_CREDITS_PER_SECOND", credits, default: "0", "added per second with the OpenAI planner"),
        .init("PIXORA_OPENAI_SCENE_CREDITS", credits, default: "0", "added per regenerated voice with OpenAI speech"),
    ]

    public static let signIn: [ConfigVariable] = [
        .init("PIXORA_OIDC_GOOGLE_CLIENT_ID", key, "Google OAuth client id: shows \"Continue with Google\""),
        .init("PIXORA_OIDC_GOOGLE_CLIENT_SECRET", key, secret: true, "Google OAuth client secret"),
        .init(
            "PIXORA_OIDC_ISSUER", .url(schemes: ["https", "http"], needsHost: true),
            "issuer of another OpenID Connect provider (its /.well-known/openid-configuration is read)"),
        .init("PIXORA_OIDC_CLIENT_ID", key, "client id at PIXORA_OIDC_ISSUER"),
        .init("PIXORA_OIDC_CLIENT_SECRET", key, secret: true, "client secret at PIXORA_OIDC_ISSUER"),
        .init(
            "PIXORA_OIDC_NAME", .text(minimumLength: 1), default: "OpenID Connect",
            "the provider's name on the sign-in button (\"Continue with …\")"),
        .init(
            "PIXORA_OIDC_ALLOW_PRIVATE", .boolean, default: "off",
            "let sign-in providers be on private, loopback and link-local addresses (local providers, tests)"),
    ]

    public static let stripe: [ConfigVariable] = [
        .init("STRIPE_SECRET_KEY", key, secret: true, "Stripe secret key: turns on checkout, the portal and invoices"),
        .init("STRIPE_WEBHOOK_SECRET", key, secret: true, "signing secret of the Stripe webhook endpoint (whsec_…)"),
        .init("STRIPE_API_BASE", webURL, default: "https://api.stripe.com", "Stripe's API (tests: an emulator)"),
        .init(
            "PIXORA_CREDIT_PACKS", .text(minimumLength: 1), default: "small:500:5,medium:1200:10,large:3000:20",
            "credit packs sold through Stripe Checkout: id:credits:US dollars, comma-separated"),
    ]

    public static let all: [ConfigVariable] = server + media + providers + pricing + signIn + stripe

    public static let byName: [String: ConfigVariable] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// PIXORA_* names that belong to the test and benchmark scripts, not to Pixora: never reported as unknown.
    static let toolingNames: Set<String> = [
        "PIXORA_BIN", "PIXORA_BENCH_DIR", "PIXORA_TOKEN", "PIXORA_CHROMIUM", "PIXORA_CHROMEDRIVER", "PIXORA_FFPROBE",
        "PIXORA_IMAGE_EXAMPLES", "PIXORA_BENCH_CONFIG",
    ]
    static let toolingPrefixes = ["PIXORA_TEST_"]

    /// True for the names the test and benchmark scripts use.
    public static func isTooling(_ name: String) -> Bool {
        toolingNames.contains(name) || toolingPrefixes.contains(where: name.hasPrefix)
    }
}
