import Foundation
import PaasPluginKit
import PaasPlugins
import XCTest

/// Handlers marked `prestart` are started ahead of their request and get it when it is ready.
final class PrestartTests: XCTestCase {
    var fixture: PluginFixture!
    override func setUpWithError() throws { fixture = try PluginFixture() }
    override func tearDown() { fixture.remove() }

    /// A script that records when it started, then its request, and replies.
    private func recorder(_ log: String) -> String {
        #"echo "started $PAAS_PRESTARTED" >> "\#(log)"; req=$(cat); echo "request $req" >> "\#(log)"; echo '{"action":"continue"}'"#
    }

    func testPrestartedHandlerGetsTheRequestWrittenLater() throws {
        let log = fixture.base + "/log"
        try fixture.installTrigger("proxy", trigger: "proxy-update", prestart: true, script: recorder(log))
        let runner = fixture.runner()
        runner.prestart(.proxyUpdate, app: "web")
        XCTAssertTrue(waitFor { (try? String(contentsOfFile: log, encoding: .utf8))?.contains("started 1") == true },
            "the handler starts before any request")
        XCTAssertFalse(try String(contentsOfFile: log, encoding: .utf8).contains("request"), "and waits for it")
        let outcome = runner.fire(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0])
        XCTAssertTrue(outcome.shouldContinue, "\(outcome)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "one process: started once, one request (\(lines))")
        let request = try Plugin.decode(Array(lines[1].dropFirst("request ".count).utf8))
        XCTAssertEqual(try request.payload(.proxyUpdate), ProxyUpdate.samples[0])
        // The next fire has nothing started ahead: the handler starts then, as usual.
        _ = runner.fire(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0])
        XCTAssertEqual(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").last?.hasPrefix("request"), true)
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).contains("started \n"), "started normally")
    }

    func testAPreparedRequestIsWrittenOnlyWhenFiredAndIsTheSameRequest() throws {
        let log = fixture.base + "/log"
        try fixture.installTrigger("proxy", trigger: "proxy-update", prestart: true, script: recorder(log))
        let runner = fixture.runner()
        runner.prestart(.proxyUpdate, app: "web")
        let prepared = runner.prepare(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0])
        XCTAssertTrue(waitFor { (try? String(contentsOfFile: log, encoding: .utf8))?.contains("started 1") == true })
        usleep(200_000)
        XCTAssertEqual(try String(contentsOfFile: log, encoding: .utf8), "started 1\n", "preparing writes nothing")
        XCTAssertTrue(runner.fire(prepared).shouldContinue)
        // The same payload fired the usual way (the handler started then) gets the same bytes.
        XCTAssertTrue(runner.fire(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0]).shouldContinue)
        let requests = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("request ") }
        XCTAssertEqual(requests.count, 2)
        XCTAssertEqual(requests.first, requests.last, "a prepared request is the request fire would write")
        XCTAssertEqual(try Plugin.decode(Array(requests[0].dropFirst("request ".count).utf8)).payload(.proxyUpdate), ProxyUpdate.samples[0])
    }

    func testAPreparedRequestGoesToThePluginsEnabledWhenFired() throws {
        let log = fixture.base + "/log"
        let runner = fixture.runner()
        let prepared = runner.prepare(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0])
        try fixture.installTrigger("proxy", trigger: "proxy-update", script: recorder(log))
        XCTAssertEqual(runner.fire(prepared).ran, ["proxy"], "the plugin index is read at the firing")
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).contains("request {"))
    }

    func testTheKitWarmsUpWithEveryTriggersSample() {
        for trigger in TriggerCatalog.all {
            XCTAssertTrue(Plugin.warmUp(trigger: trigger.name), "\(trigger.name): its sample must go through a request and back")
        }
        XCTAssertFalse(Plugin.warmUp(trigger: "no-such-trigger"))
        XCTAssertFalse(Plugin.warmUp(trigger: nil))
    }

    func testDiscardedHandlerIsKilledWithoutActing() throws {
        let log = fixture.base + "/log"
        try fixture.installTrigger("proxy", trigger: "proxy-update", prestart: true, script: recorder(log))
        let runner = fixture.runner()
        runner.prestart(.proxyUpdate, app: "web")
        XCTAssertTrue(waitFor { (try? String(contentsOfFile: log, encoding: .utf8))?.contains("started") == true })
        runner.discardPrestarted(app: "web")
        usleep(300_000)
        XCTAssertEqual(try String(contentsOfFile: log, encoding: .utf8), "started 1\n", "no request, nothing done")
    }

    func testOtherAppsAndUnmarkedHandlersAreNotPrestarted() throws {
        let log = fixture.base + "/log"
        try fixture.installTrigger("proxy", trigger: "proxy-update", script: recorder(log))
        let runner = fixture.runner()
        runner.prestart(.proxyUpdate, app: "web")
        usleep(300_000)
        XCTAssertFalse(FileManager.default.fileExists(atPath: log), "a handler without prestart starts only when fired")
        XCTAssertTrue(runner.fire(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0]).shouldContinue)
        XCTAssertEqual(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count, 2)
    }

    func testTimeoutCountsFromTheRequest() throws {
        try fixture.installTrigger(
            "proxy", trigger: "proxy-update", timeout: 0.5, prestart: true, script: #"cat >/dev/null; echo '{}'"#)
        let runner = fixture.runner()
        runner.prestart(.proxyUpdate, app: "web")
        usleep(800_000)
        let outcome = runner.fire(.proxyUpdate, app: "web", payload: ProxyUpdate.samples[0])
        XCTAssertTrue(outcome.shouldContinue, "waiting longer than the timeout for the request is fine: \(outcome)")
    }

    func testPrestartOnlyForProxyUpdate() throws {
        XCTAssertThrowsError(
            try fixture.installTrigger("early", trigger: "post-deploy", prestart: true, script: "exit 0")
        ) { error in
            XCTAssertEqual("\(error)", "plugin 'early': trigger 'post-deploy': prestart is only for proxy-update")
        }
    }

    private func waitFor(_ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return false
    }
}
