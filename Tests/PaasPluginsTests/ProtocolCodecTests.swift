import Foundation
import PaasPluginKit
import XCTest

final class ProtocolCodecTests: XCTestCase {
    func testRequestRoundTripKeepsData() throws {
        let request = PluginRequest(
            kind: .trigger, name: "proxy-update", app: "web",
            data: ["domains": ["a.example"], "upstreams": [["host": "127.0.0.1", "port": 8080]], "n": 1.5, "z": nil],
            paasVersion: "1.0")
        let json = try JSONEncoder().encode(request)
        let back = try Plugin.decode(Array(json))
        XCTAssertEqual(back, request)
        XCTAssertEqual(back.data["upstreams"]?[0]?["port"]?.intValue, 8080)
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains("\"protocol\":1"))
    }

    func testRequestFromEnvironmentForShellStyleRuns() throws {
        let r = try Plugin.request(
            stdin: [], environment: ["PAAS_COMMAND": "maintenance:on", "PAAS_APP": "web", "PAAS_PROTOCOL": "1"],
            arguments: ["maintenance:on", "web", "--force"])
        XCTAssertEqual(r.kind, .command)
        XCTAssertEqual(r.args, ["web", "--force"])
        XCTAssertEqual(r.app, "web")
        XCTAssertThrowsError(try Plugin.request(stdin: [], environment: [:], arguments: []))
        XCTAssertThrowsError(try Plugin.request(stdin: Array("{nope".utf8), environment: [:], arguments: []))
    }

    func testReplyDefaultsAndEncoding() throws {
        let minimal = try JSONDecoder().decode(PluginReply.self, from: Data("{}".utf8))
        XCTAssertEqual(minimal, .continue)
        let stop = try JSONDecoder().decode(PluginReply.self, from: Data(#"{"action":"stop","message":"no"}"#.utf8))
        XCTAssertEqual(stop, .stop("no"))
        XCTAssertThrowsError(try JSONDecoder().decode(PluginReply.self, from: Data(#"{"action":"maybe"}"#.utf8)))
        let amend = PluginReply.amend(PluginChanges(env: ["A": "1"], checks: [HealthCheck(name: "c", path: "/up")]))
        let text = String(decoding: try Plugin.encode(amend), as: UTF8.self)
        XCTAssertEqual(try JSONDecoder().decode(PluginReply.self, from: Data(text.utf8)), amend)
        XCTAssertTrue(text.hasSuffix("}\n"))
    }

    func testChangesMergeLaterWinsAndListsAccumulate() {
        let a = PluginChanges(env: ["A": "1", "B": "1"], mounts: ["/x:/x"])
        let b = PluginChanges(env: ["B": "2"], mounts: ["/x:/x", "/y:/y"])
        let m = a.merged(with: b)
        XCTAssertEqual(m.env, ["A": "1", "B": "2"])
        XCTAssertEqual(m.mounts, ["/x:/x", "/y:/y"])
    }

    func testJSONValueEncodesWholeNumbersAsIntegers() throws {
        let text = String(decoding: try JSONEncoder().encode(JSONValue.array([3, 2.5, true, "s"])), as: UTF8.self)
        XCTAssertEqual(text, #"[3,2.5,true,"s"]"#)
    }
}
