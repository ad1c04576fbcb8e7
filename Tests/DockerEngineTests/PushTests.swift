import Foundation
import PaasTestSupport
import XCTest

@testable import DockerEngine

/// `DockerClient.pushImage` against the fake transport: the request on the wire, the digest
/// read from the last message, errors in the stream.
final class PushTests: XCTestCase {
    private let digest = "sha256:" + String(repeating: "ab", count: 32)

    private func progress(_ lines: [String]) -> FakeEngineReply {
        let body = lines.joined(separator: "\r\n") + "\r\n"
        let bytes = Array(body.utf8)
        // Cut mid-message, as a real connection may.
        let cuts = [0, min(7, bytes.count), min(40, bytes.count), bytes.count]
        return FakeEngineReply(chunks: (0..<3).map { Array(bytes[cuts[$0]..<cuts[$0 + 1]]) }.filter { !$0.isEmpty })
    }

    func testRegistryAuthHeaderIsBase64URLJSON() throws {
        XCTAssertEqual(DockerClient.anonymousRegistryAuth, "e30=")  // base64 of {}
        let value = DockerClient.registryAuth(username: "u?>", password: "p~~~", serverAddress: "10.0.0.1:5000")
        XCTAssertFalse(value.contains("+") || value.contains("/"), value)
        let standard = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let json = try XCTUnwrap(Data(base64Encoded: standard))
        let decoded = try JSONDecoder().decode([String: String].self, from: json)
        XCTAssertEqual(decoded, ["username": "u?>", "password": "p~~~", "serveraddress": "10.0.0.1:5000"])
    }

    func testPushSendsTagAndAuthAndReturnsTheDigestFromAux() throws {
        let fake = FakeEngineTransport()
        fake.on(
            "POST", "/images/127.0.0.1:5000/app/web/push",
            progress([
                #"{"status":"The push refers to repository [127.0.0.1:5000/app/web]"}"#,
                #"{"status":"Preparing","progressDetail":{},"id":"5b0d2d635df8"}"#,
                #"{"status":"Pushed","progressDetail":{},"id":"5b0d2d635df8"}"#,
                #"{"status":"r3: digest: \#(digest) size: 527"}"#,
                #"{"progressDetail":{},"aux":{"Tag":"r3","Digest":"\#(digest)","Size":527}}"#,
            ]))
        var seen: [String] = []
        let got = try DockerClient(transport: fake).pushImage("127.0.0.1:5000/app/web", tag: "r3") { seen.append($0) }
        XCTAssertEqual(got, digest)
        let request = try XCTUnwrap(fake.requests.last)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.apiVersion, "v1.41")
        XCTAssertEqual(request.queryValue("tag"), "r3")
        XCTAssertEqual(request.headers["X-Registry-Auth"], "e30=")
        XCTAssertEqual(seen.first, "The push refers to repository [127.0.0.1:5000/app/web]")
        XCTAssertTrue(seen.contains("5b0d2d635df8: Pushed"), "\(seen)")
    }

    func testAnErrorInTheStreamThrowsOneLine() throws {
        let fake = FakeEngineTransport()
        fake.on(
            "POST", "/images/10.0.0.1:5000/app/web/push",
            progress([
                #"{"status":"Preparing","id":"5b0d"}"#,
                #"{"errorDetail":{"message":"Get \"https://10.0.0.1:5000/v2/\": x509: certificate signed by unknown authority\n"},"error":"x"}"#,
            ]))
        XCTAssertThrowsError(try DockerClient(transport: fake).pushImage("10.0.0.1:5000/app/web", tag: "r1")) { error in
            guard case .pushFailed(let image, _) = error as? EngineError else { return XCTFail("\(error)") }
            XCTAssertEqual(image, "10.0.0.1:5000/app/web:r1")
            let text = "\(error)"
            XCTAssertFalse(text.contains("\n"))
            XCTAssertTrue(text.hasPrefix("pushing 10.0.0.1:5000/app/web:r1 failed: Get"), text)
            XCTAssertTrue(text.contains("certificate signed by unknown authority"), text)
        }
    }

    func testAPushWithoutADigestIsAnError() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/images/r/a/push", progress([#"{"status":"Preparing","id":"5b0d"}"#]))
        XCTAssertThrowsError(try DockerClient(transport: fake).pushImage("r/a", tag: "t")) { error in
            guard case .decoding = error as? EngineError else { return XCTFail("\(error)") }
        }
    }

    func testAMissingImageIsTheEnginesMessage() throws {
        let fake = FakeEngineTransport()
        fake.on("POST", "/images/r/a/push", FakeEngineReply(status: 404, body: #"{"message":"No such image: r/a:t"}"#))
        XCTAssertThrowsError(try DockerClient(transport: fake).pushImage("r/a", tag: "t")) { error in
            XCTAssertEqual(error as? EngineError, .api(status: 404, message: "No such image: r/a:t"))
        }
    }

    func testResponseHeadersOfTheLastResponseAreKept() {
        let headers = CurlHTTPClient.headers([
            "HTTP/1.1 100 Continue", "", "HTTP/1.1 200 OK", "Docker-Content-Digest: sha256:1",
            "Content-Type: application/json", "",
        ])
        XCTAssertEqual(headers, ["docker-content-digest": "sha256:1", "content-type": "application/json"])
    }
}
