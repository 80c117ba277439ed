import Crypto
import Foundation
import PixoraStore
import Testing

/// The signer against AWS's published vectors. Each vector checks the canonical request's hash and the string to
/// sign before the signature, so a failure names the stage that went wrong (encoding, key chain, or formatting).
@Suite("SigV4 signer")
struct SigV4SignerTests {
    /// The S3 documentation's example key pair, at the examples' instant (2013-05-24T00:00:00Z).
    let s3 = SigV4Signer(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1")
    let s3Date = Date(timeIntervalSince1970: 1_369_353_600)
    /// The generic aws-sig-v4-test-suite: service `service`, 2015-08-30T12:36:00Z.
    let suite = SigV4Signer(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region: "us-east-1", service: "service")
    let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)
    let bucket = "https://examplebucket.s3.amazonaws.com"

    /// Signs like a client would and rebuilds the canonical request from the headers that would be sent.
    func s3Vector(
        _ method: String, _ target: String, headers: [(String, String)], payload: PayloadHash,
        canonicalHash: String, signedHeaders: String, signature: String
    ) throws {
        let url = try #require(URL(string: bucket + target))
        let added = try s3.sign(method: method, url: url, headers: headers, payload: payload, date: s3Date)
        let sent = headers + added.filter { $0.0 != "Authorization" }
        let canonical = try CanonicalRequest(method: method, url: url, headers: sent, payloadHash: payload)
        #expect(canonical.hash == canonicalHash, "canonical request:\n\(canonical.text)")
        #expect(
            s3.stringToSign(for: canonical, date: s3Date)
                == "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n\(canonicalHash)")
        #expect(canonical.signedHeaders == signedHeaders)
        let authorization = added.first { $0.0 == "Authorization" }?.1
        #expect(
            authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=\(signedHeaders), Signature=\(signature)")
        #expect(added.first { $0.0 == "x-amz-date" }?.1 == "20130524T000000Z")
        #expect(added.first { $0.0 == "x-amz-content-sha256" }?.1 == payload.value)
        #expect(!added.contains { $0.0 == "x-amz-security-token" })
    }

    @Test("GET Object with a Range header matches the S3 documentation's example")
    func getObject() throws {
        try s3Vector(
            "GET", "/test.txt", headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")],
            payload: .empty, canonicalHash: "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            signedHeaders: "host;range;x-amz-content-sha256;x-amz-date",
            signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("PUT Object of a key with a dollar sign matches the S3 documentation's example")
    func putObject() throws {
        let payload = PayloadHash.of(Data("Welcome to Amazon S3.".utf8))
        #expect(payload.value == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        try s3Vector(
            "PUT", "/test$file.text",
            headers: [("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
            payload: payload, canonicalHash: "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
            signedHeaders: "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
            signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test("GET Bucket lifecycle (a query key without a value) matches the S3 documentation's example")
    func getLifecycle() throws {
        try s3Vector(
            "GET", "/?lifecycle", headers: [], payload: .empty,
            canonicalHash: "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test("GET Bucket (List Objects) with two query parameters matches the S3 documentation's example")
    func listObjects() throws {
        try s3Vector(
            "GET", "/?max-keys=2&prefix=J", headers: [], payload: .empty,
            canonicalHash: "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test("a presigned GET matches the S3 documentation's query-parameter example")
    func presignedGet() throws {
        let url = try #require(URL(string: bucket + "/test.txt"))
        let presigned = try s3.presign(url: url, expires: 86_400, date: s3Date)
        let expectedQuery =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        let unsignedURL = try #require(URL(string: bucket + "/test.txt?" + expectedQuery))
        let canonical = try CanonicalRequest(method: "GET", url: unsignedURL, headers: [], payloadHash: .unsigned)
        #expect(canonical.hash == "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04")
        #expect(
            presigned.absoluteString == bucket + "/test.txt?" + expectedQuery
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test("the signing key chain matches AWS's published derived key")
    func signingKey() {
        let signer = SigV4Signer(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region: "us-east-1", service: "iam")
        let key = signer.signingKey(Date(timeIntervalSince1970: 1_329_264_000)).withUnsafeBytes { Array($0) }
        #expect(
            key.map { String(format: "%02x", $0) }.joined()
                == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    /// Vectors of the generic suite sign exactly the headers given (host and x-amz-date), so they go through the
    /// canonical request directly rather than through `sign`, which also adds x-amz-content-sha256 for S3.
    @Test(
        "the generic aws-sig-v4-test-suite vectors that follow S3's encoding rules match", arguments: SuiteVector.all)
    func genericSuite(vector: SuiteVector) throws {
        let url = try #require(URL(string: "https://example.amazonaws.com" + vector.target))
        let sent = vector.headers + [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")]
        let canonical = try CanonicalRequest(
            method: vector.method, url: url, headers: sent, payloadHash: .of(Data(vector.body.utf8)))
        #expect(canonical.signedHeaders == vector.signedHeaders)
        #expect(
            suite.authorization(for: canonical, date: suiteDate)
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)",
            "canonical request:\n\(canonical.text)")
    }

    @Test("get-vanilla's canonical request and string to sign are the published ones")
    func vanillaStages() throws {
        let url = try #require(URL(string: "https://example.amazonaws.com/"))
        let canonical = try CanonicalRequest(
            method: "GET", url: url, headers: [("X-Amz-Date", "20150830T123600Z")], payloadHash: .empty)
        #expect(
            canonical.text == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            suite.stringToSign(for: canonical, date: suiteDate)
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
    }

    /// Temporary credentials: the expected values come from botocore 1.x's S3SigV4Auth / S3SigV4QueryAuth with the
    /// same inputs and a pinned clock (no published vector covers a session token for S3).
    var temporary: SigV4Signer {
        SigV4Signer(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            sessionToken: "FQoGZXIvYXdzEBYaDtoken/+=", region: "us-east-1")
    }

    @Test("a request with a session token signs the token and the encoded key as botocore does")
    func sessionTokenHeader() throws {
        let url = try #require(
            URL(string: bucket + "/photos/my%20cat%2B1.jpg?partNumber=2&uploadId=a%20b"))
        let added = try temporary.sign(
            method: "PUT", url: url, headers: [("Content-Type", "video/mp4")], payload: .empty, date: s3Date)
        #expect(added.first { $0.0 == "x-amz-security-token" }?.1 == "FQoGZXIvYXdzEBYaDtoken/+=")
        #expect(added.first { $0.0 == "x-amz-content-sha256" }?.1 == PayloadHash.empty.value)
        #expect(
            added.first { $0.0 == "Authorization" }?.1
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "
                + "Signature=e23e4d11c66e7906ba88566571cf9654f9eff6afde6bc8c10ac972bf9badaa86")
    }

    @Test("a streamed part upload signs UNSIGNED-PAYLOAD as botocore does with payload signing off")
    func streamedUpload() throws {
        let url = try #require(
            URL(string: bucket + "/renders/%E1%88%B4%20final.mp4?partNumber=3&uploadId=VXBsb2FkIElE"))
        let headers = [("Content-Type", "video/mp4"), ("Content-Length", "5242880")]
        let added = try temporary.sign(method: "PUT", url: url, headers: headers, payload: .unsigned, date: s3Date)
        #expect(added.first { $0.0 == "x-amz-content-sha256" }?.1 == "UNSIGNED-PAYLOAD")
        #expect(
            added.first { $0.0 == "Authorization" }?.1
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-security-token, "
                + "Signature=af549b6f51356bc0e06226b19b2f7558a662b8a3fbac48c75b08b32610f3d840")
    }

    @Test("a presigned URL with a session token carries and signs the token as botocore does")
    func sessionTokenPresigned() throws {
        let url = try #require(URL(string: bucket + "/test.txt"))
        let presigned = try temporary.presign(url: url, expires: 3600, date: s3Date)
        let query = try #require(presigned.query(percentEncoded: true))
        #expect(query.contains("&X-Amz-Security-Token=FQoGZXIvYXdzEBYaDtoken%2F%2B%3D&"))
        #expect(query.hasSuffix("&X-Amz-Signature=91a010704740fd6050cf80c6bc69f05d974cb3ac5a69baa0a26dd9c006f8af7f"))
    }

    @Test("a key is encoded once: space as %20, plus as %2B, an encoded slash stays in its segment")
    func pathAndQueryEncoding() throws {
        let cases = [
            ("https://b.example/photos/my%20cat+1.jpg", "/photos/my%20cat%2B1.jpg", ""),
            ("https://b.example/a%2Fb/c%25d", "/a%2Fb/c%25d", ""),
            ("https://b.example/%E1%88%B4/", "/%E1%88%B4/", ""),
            ("https://b.example", "/", ""),
            ("https://b.example/?prefix=a+b&delimiter=%2F&list-type=2", "/", "delimiter=%2F&list-type=2&prefix=a%2Bb"),
            ("https://b.example/?tag=a%20b&tag=a", "/", "tag=a&tag=a%20b"),
        ]
        for (text, path, query) in cases {
            let url = try #require(URL(string: text))
            let canonical = try CanonicalRequest(method: "GET", url: url, headers: [], payloadHash: .empty)
            #expect(canonical.path == path, "\(text)")
            #expect(canonical.query == query, "\(text)")
        }
    }

    @Test("the host header carries a port only when it is not the scheme's default")
    func hostPort() throws {
        for (text, host) in [
            ("http://localhost:9000/media/a.mp4", "localhost:9000"), ("https://s3.example:443/a", "s3.example"),
            ("http://s3.example:80/a", "s3.example"), ("https://s3.example:8443/a", "s3.example:8443"),
        ] {
            let url = try #require(URL(string: text))
            let canonical = try CanonicalRequest(method: "GET", url: url, headers: [], payloadHash: .empty)
            #expect(canonical.headers == "host:\(host)\n", "\(text)")
        }
        #expect(throws: SigV4Error.missingHost("/relative")) {
            try s3.sign(method: "GET", url: URL(string: "/relative")!, payload: .empty, date: s3Date)
        }
    }

    @Test("a header with a line break in its name or value is refused rather than signed")
    func lineBreaks() throws {
        let url = try #require(URL(string: bucket + "/test.txt"))
        for (name, value) in [
            ("Content-Disposition", "attachment; filename=\"a.mp4\"\r\nx-amz-acl: public-read"),
            ("Content-Type", "video/mp4\nx-amz-acl:public-read"), ("X-Evil\n", "1"),
        ] {
            #expect(throws: SigV4Error.lineBreakInHeader(name)) {
                try s3.sign(method: "PUT", url: url, headers: [(name, value)], payload: .unsigned, date: s3Date)
            }
            #expect(throws: SigV4Error.lineBreakInHeader(name)) {
                try s3.presign(method: "PUT", url: url, expires: 60, headers: [(name, value)], date: s3Date)
            }
        }
    }

    @Test("X-Amz-Expires outside 1 to 604800 seconds is refused")
    func expiryBounds() throws {
        let url = try #require(URL(string: bucket + "/test.txt"))
        for seconds in [0, -1, 604_801] {
            #expect(throws: SigV4Error.expiresOutOfRange(seconds)) {
                try s3.presign(url: url, expires: seconds, date: s3Date)
            }
        }
        for seconds in [1, 604_800] {
            let query = try s3.presign(url: url, expires: seconds, date: s3Date).query(percentEncoded: true)
            #expect(query?.contains("X-Amz-Expires=\(seconds)&") == true)
        }
    }

    @Test("the signing time is the one passed in, and the caller's own x-amz-date is replaced by it")
    func injectedClock() throws {
        let url = try #require(URL(string: bucket + "/test.txt"))
        let stale = [("X-Amz-Date", "19990101T000000Z"), ("Range", "bytes=0-9")]
        let later = s3Date.addingTimeInterval(86_400 + 61.9)
        let added = try s3.sign(method: "GET", url: url, headers: stale, payload: .empty, date: later)
        #expect(added.first { $0.0 == "x-amz-date" }?.1 == "20130525T000101Z")
        let authorization = try #require(added.first { $0.0 == "Authorization" }?.1)
        #expect(authorization.contains("/20130525/us-east-1/s3/aws4_request, "))
        let original = try s3.sign(
            method: "GET", url: url, headers: [("Range", "bytes=0-9")], payload: .empty, date: later)
        #expect(original.map(\.1) == added.map(\.1))
    }

    @Test("a payload hash that is not 64 lowercase hex digits is refused")
    func payloadHashes() throws {
        let upper = String(repeating: "A", count: 64)
        for bad in ["", "abc", upper, String(repeating: "g", count: 64), "unsigned-payload"] {
            #expect(throws: SigV4Error.invalidPayloadHash(bad)) { try PayloadHash(hex: bad) }
        }
        #expect(try PayloadHash(hex: "UNSIGNED-PAYLOAD") == .unsigned)
        #expect(try PayloadHash(hex: PayloadHash.empty.value) == .of(Data()))
        #expect(PayloadHash.empty.value == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

/// One request of AWS's aws-sig-v4-test-suite (2015 edition), its path and query written percent-encoded.
struct SuiteVector: Sendable, CustomStringConvertible {
    let description: String
    var method = "GET"
    let target: String
    var headers: [(String, String)] = []
    var body = ""
    let signedHeaders: String
    let signature: String

    static let all: [SuiteVector] = [
        SuiteVector(
            description: "get-vanilla", target: "/", signedHeaders: "host;x-amz-date",
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        SuiteVector(
            description: "get-vanilla-query-order-key-case", target: "/?Param2=value2&Param1=value1",
            signedHeaders: "host;x-amz-date",
            signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        SuiteVector(
            description: "get-unreserved",
            target: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            signedHeaders: "host;x-amz-date",
            signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        SuiteVector(
            description: "get-utf8", target: "/%E1%88%B4", signedHeaders: "host;x-amz-date",
            signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        SuiteVector(
            description: "get-vanilla-utf8-query", target: "/?%E1%88%B4=bar", signedHeaders: "host;x-amz-date",
            signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        SuiteVector(
            description: "get-header-value-trim", target: "/",
            headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
            signedHeaders: "host;my-header1;my-header2;x-amz-date",
            signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        SuiteVector(
            description: "get-header-key-duplicate", target: "/",
            headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        SuiteVector(
            description: "post-vanilla-query-nonunreserved", method: "POST",
            target: "/?%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
            signedHeaders: "host;x-amz-date",
            signature: "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"),
        SuiteVector(
            description: "post-x-www-form-urlencoded", method: "POST", target: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Param1=value1",
            signedHeaders: "content-type;host;x-amz-date",
            signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    ]
}
