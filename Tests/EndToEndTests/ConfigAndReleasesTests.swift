import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import Synchronization
import XCTest

/// Issue 3, end to end over real ssh: config vars, releases, rollback, and their reliability.
final class ConfigAndReleasesTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("config")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private var app: String { paas.id.value }

    /// The values that must survive ssh byte for byte.
    static let awkwardValues: [String: String] = [
        "SPACES": "  two  leading and trailing  ",
        "QUOTES": #"she said "hi" and 'bye'"#,
        "DOLLAR": "$HOME ${PATH} $(id) $1",
        "BACKTICK": "`touch /tmp/paas-backtick` and `id`",
        "EQUALS": "a=b==c=",
        "NEWLINES": "line one\nline two\n\nline four",
        "MIXED": "it's \"all\" $ ` = \\ ; | & > < * ? ~ # done",
        "EMPTY": "",
    ]

    func testAwkwardValuesSurviveARoundTripOverSSH() throws {
        XCTAssertTrue(try paas.ssh(["apps:create", app]).succeeded)
        let pairs = Self.awkwardValues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let set = try paas.ssh(["config:set", "--no-restart", app] + pairs)
        XCTAssertTrue(set.succeeded, set.summary)
        for (key, value) in Self.awkwardValues {
            let got = try paas.ssh(["config:get", app, key])
            XCTAssertTrue(got.succeeded, "\(key): \(got.summary)")
            XCTAssertEqual(got.stdout, Array((value + "\n").utf8), "\(key) is not byte-equal: \(got.stdoutText.debugDescription)")
            let encoded = try paas.ssh(["config:get", "--encoded", app, key])
            XCTAssertEqual(encoded.stdoutText, Data(value.utf8).base64EncodedString() + "\n", key)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/paas-backtick"), "a backtick was executed")

        // --encoded: base64 values in, the same bytes out.
        let raw = "é \u{1}\t'\"$`\n="
        let encodedSet = try paas.ssh(["config:set", "--no-restart", "--encoded", app, "ENC=" + Data(raw.utf8).base64EncodedString()])
        XCTAssertTrue(encodedSet.succeeded, encodedSet.summary)
        XCTAssertEqual(try paas.ssh(["config:get", app, "ENC"]).stdoutText, raw + "\n")

        let json = try paas.ssh(["config:show", "--format", "json", app])
        XCTAssertTrue(json.succeeded, json.summary)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.stdout))
        XCTAssertEqual(decoded.filter { $0.key != "ENC" }, Self.awkwardValues)

        let unset = try paas.ssh(["config:get", app, "NOT_SET"])
        XCTAssertEqual(unset.status, .exited(1), unset.summary)
        XCTAssertEqual(unset.stdoutText, "")
    }

    func testConfigSetMakesAReleaseAndTheContainerSeesIt() throws {
        let repo = try Apps.envPrinter()
        let push = try paas.push(repo, app: app)
        XCTAssertTrue(push.succeeded, push.summary)
        let before = try releases()
        XCTAssertFalse(try envText().contains("GREETING"))

        let set = try paas.ssh(["config:set", app, "GREETING=hello there"])
        XCTAssertTrue(set.succeeded, set.summary)
        let after = try releases()
        XCTAssertEqual(after.count, before.count + 1, "config:set makes a release")
        XCTAssertEqual(after.first?["live"] as? Bool, true)
        XCTAssertEqual(after.first?["image"] as? String, before.first?["image"] as? String, "no rebuild")
        let env = try envText()
        XCTAssertTrue(env.contains("GREETING=hello there"), env)
        XCTAssertEqual(try paas.containers(app: app, process: "web").count, 1)
    }

    func testNoRestartKeepsTheSameContainer() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        let before = try paas.containers(app: app, process: "web").map(\.id)
        XCTAssertEqual(before.count, 1)

        let set = try paas.ssh(["config:set", "--no-restart", app, "QUIET=yes"])
        XCTAssertTrue(set.succeeded, set.summary)
        XCTAssertEqual(try paas.containers(app: app, process: "web").map(\.id), before)
        XCTAssertEqual(try paas.ssh(["config:get", app, "QUIET"]).stdoutText, "yes\n")
        XCTAssertFalse(try envText().contains("QUIET=yes"))
    }

    func testRollbackBringsBackTheOldImageAndConfig() throws {
        let repo = try Apps.envPrinter()
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        let v1 = try XCTUnwrap(try releases().first)
        let v1Image = try XCTUnwrap(v1["image"] as? String)
        let v1Version = try XCTUnwrap(v1["version"] as? String)

        XCTAssertTrue(try paas.ssh(["config:set", app, "GREETING=new"]).succeeded)
        try repo.write("www/index.html", "second build\n")
        try repo.commit("second")
        XCTAssertTrue(try paas.push(repo, app: app).succeeded)
        XCTAssertEqual(try paas.waitFor(app: app, body: "second build\n").body, "second build\n")
        XCTAssertTrue(try envText().contains("GREETING=new"))

        let rollback = try paas.ssh(["rollback", app, v1Version])
        XCTAssertTrue(rollback.succeeded, rollback.summary)
        let now = try XCTUnwrap(try releases().first)
        XCTAssertEqual(now["image"] as? String, v1Image)
        XCTAssertEqual(now["live"] as? Bool, true)
        XCTAssertEqual(try paas.waitFor(app: app, body: "env printer\n").body, "env printer\n")
        XCTAssertFalse(try envText().contains("GREETING"), "the old config is back")
        XCTAssertEqual(try paas.ssh(["config:get", app, "GREETING"]).status, .exited(1))
        let web = try paas.containers(app: app, process: "web")
        XCTAssertEqual(web.count, 1)
        XCTAssertEqual(web.first?.image, v1Image)
    }

    func testBadInputIsOneLineAndChangesNothing() throws {
        XCTAssertTrue(try paas.push(try Apps.envPrinter(), app: app).succeeded)
        XCTAssertTrue(try paas.ssh(["config:set", "--no-restart", app, "KEEP=me"]).succeeded)
        let state = try snapshot()
        let containers = try paas.containers(app: app).map(\.id).sorted()
        let bad: [[String]] = [
            ["config:set", app], ["config:set", app, "1A=x"], ["config:set", app, "A-B=x"],
            ["config:set", app, "=x"], ["config:set", app, "NOEQUALS"], ["config:set", "no-such-app", "A=x"],
            ["config:get", "no-such-app", "A"], ["config:unset", app, "1A"],
            ["ps:scale", app, "web=-1"], ["ps:scale", app, "web=abc"], ["ps:scale", app, "nope=1"],
            ["rollback", app, "v999"], ["domains:add", app, "bad domain"], ["apps:create", "A"],
        ]
        for words in bad {
            let result = try paas.ssh(words)
            let what = words.joined(separator: " ")
            XCTAssertFalse(result.succeeded, "\(what): \(result.summary)")
            let lines = result.stderrText.split(separator: "\n", omittingEmptySubsequences: true)
            XCTAssertEqual(lines.count, 1, "\(what): one line on stderr expected: \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "", "\(what)")
            XCTAssertEqual(try snapshot(), state, "\(what) changed the state")
        }
        XCTAssertEqual(try paas.containers(app: app).map(\.id).sorted(), containers)
    }

    func testTwentyConcurrentConfigSetsKeepEveryKeyAndAConsecutiveReleaseSequence() throws {
        XCTAssertTrue(try paas.push(try Apps.staticPage("busy\n"), app: app).succeeded)
        let first = try releases().count
        let failures = Mutex<[String]>([])
        let harness = paas!
        let app = self.app
        let group = DispatchGroup()
        for caller in 0..<20 {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let pairs = (0..<50).map { "K_\(caller)_\($0)=value \(caller) \($0)" }
                do {
                    let result = try harness.ssh(["config:set", "--no-restart", app] + pairs, timeout: .seconds(240))
                    if !result.succeeded { failures.withLock { $0.append("caller \(caller): \(result.summary)") } }
                } catch {
                    failures.withLock { $0.append("caller \(caller): \(error)") }
                }
            }
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 300), .success, "the twenty calls did not finish")
        XCTAssertEqual(failures.withLock { $0 }, [])

        let config = try JSONDecoder().decode(
            [String: String].self, from: Data(try paas.ssh(["config:show", "--format", "json", app]).stdout))
        XCTAssertEqual(config.count, 1000)
        for caller in 0..<20 {
            for n in 0..<50 { XCTAssertEqual(config["K_\(caller)_\(n)"], "value \(caller) \(n)") }
        }
        let versions = try releases().compactMap { ($0["version"] as? String).flatMap { Int($0.dropFirst()) } }
        XCTAssertEqual(versions.count, first + 20)
        XCTAssertEqual(versions.sorted(), Array(1...(first + 20)), "releases v1..vN without gaps or repeats")
    }

    // MARK: - Helpers

    /// `releases APP --format json`, newest first.
    private func releases() throws -> [[String: Any]] {
        let result = try paas.ssh(["releases", "--format", "json", "-n", "1000", app])
        guard result.succeeded else { throw TestSupportError("releases failed: \(result.summary)") }
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout)) as? [[String: Any]])
    }

    /// What the web container wrote as its environment (served at /env.txt).
    private func envText() throws -> String {
        let answer = try paas.get(app: app, path: "/env.txt")
        guard answer.status == 200 else { throw TestSupportError("GET /env.txt answered \(answer.status)") }
        return answer.body
    }

    /// The state a bad command must not change: config, releases and formation, as JSON text.
    private func snapshot() throws -> [String] {
        try [
            ["config:show", "--format", "json", app], ["releases", "--format", "json", "-n", "1000", app],
            ["ps:scale", "--format", "json", app], ["domains:report", "--format", "json", app],
        ].map { words in
            let result = try paas.ssh(words)
            return result.succeeded ? result.stdoutText : "failed: \(result.summary)"
        }
    }
}
