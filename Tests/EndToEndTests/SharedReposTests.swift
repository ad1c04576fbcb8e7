import DockerEngine
import Foundation
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 12, end to end: one shared repository pushed over real ssh + git, linked to several
/// apps built by Docker and served through nginx; only the apps whose inputs changed deploy.
final class SharedReposTests: XCTestCase {
    var paas: PaasHarness!

    override func setUpWithError() throws {
        paas = try PaasHarness("repos")
    }

    override func tearDown() {
        paas?.cleanup()
        paas = nil
    }

    private func name(_ suffix: String) -> String { paas.id.name(suffix) }

    /// A monorepo: `services/<dir>` is a static page app for each of `dirs`, `lib/` is shared.
    private func monorepo(_ dirs: [String]) throws -> GitFixture {
        let repo = try GitFixture()
        for dir in dirs { try page(repo, dir, "\(dir) one\n") }
        try repo.write("lib/shared.txt", "lib one\n")
        try repo.commit("monorepo")
        return repo
    }

    private func page(_ repo: GitFixture, _ dir: String, _ text: String) throws {
        try repo.write(
            "services/\(dir)/Dockerfile", "FROM paas/busybox:latest\nCOPY www /www\nCMD httpd -f -p $PORT -h /www\n")
        try repo.write("services/\(dir)/www/index.html", text)
    }

    private func ok(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let result = try paas.ssh(words)
        XCTAssertTrue(result.succeeded, "\(words.joined(separator: " ")): \(result.summary)", file: file, line: line)
        return result
    }

    /// The row of the push's closing table for `app` (the app column, then two spaces).
    private func row(_ push: ProcessResult, _ app: String) -> String {
        push.stderrText.split(separator: "\n").map(String.init).last { $0.contains(" \(app)  ") }
            ?? "(no row for \(app))"
    }

    private func report(_ repo: String) throws -> [String: Any] {
        let result = try ok(["repos:report", repo, "--format", "json"])
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any])
    }

    private func running(_ app: String) throws -> [ContainerSummary] {
        try paas.containers(app: app, process: "web").filter { $0.state == "running" }
    }

    func testOnlyChangedAppsDeployAndWatchersOfLibDeployTogether() throws {
        let (mono, api, web, wrk) = (name("mono"), name("api"), name("web"), name("wrk"))
        _ = try ok(["repos:create", mono])
        for app in [api, web, wrk] { _ = try ok(["apps:create", app]) }
        _ = try ok(["repos:link", mono, api, "--path", "services/api", "--watch", "lib"])
        _ = try ok(["repos:link", mono, web, "--path", "services/web", "--watch", "lib"])
        _ = try ok(["repos:link", mono, wrk, "--path", "services/wrk"])
        let repo = try monorepo(["api", "web", "wrk"])

        let first = try paas.push(repo, app: mono)
        XCTAssertTrue(first.succeeded, first.summary)
        for (app, dir) in [(api, "api"), (web, "web"), (wrk, "wrk")] {
            XCTAssertTrue(row(first, app).contains("deployed v1"), row(first, app))
            XCTAssertEqual(try paas.waitFor(app: app, body: "\(dir) one\n").body, "\(dir) one\n")
        }
        XCTAssertTrue(paas.repositoryExists(app: mono))
        for app in [api, web, wrk] {
            let own = try Run.command("git", ["--git-dir", paas.root.file("repos/\(app).git"), "rev-list", "--all"])
            XCTAssertEqual(own.stdoutText, "", "\(app)'s own repository holds no copy of the history")
        }

        try page(repo, "web", "web two\n")
        try repo.commit("web only")
        let second = try paas.push(repo, app: mono)
        XCTAssertTrue(second.succeeded, second.summary)
        XCTAssertTrue(row(second, web).contains("deployed v2"), row(second, web))
        XCTAssertTrue(row(second, api).contains("skipped: unchanged since v1"), row(second, api))
        XCTAssertTrue(row(second, wrk).contains("skipped: unchanged since v1"), row(second, wrk))
        XCTAssertEqual(try paas.waitFor(app: web, body: "web two\n").body, "web two\n")
        XCTAssertEqual(try paas.containers(app: api).first?.labels["paas.release"], "v1", "api was not touched")

        try repo.write("lib/shared.txt", "lib two\n")
        try repo.commit("lib")
        let third = try paas.push(repo, app: mono)
        XCTAssertTrue(third.succeeded, third.summary)
        XCTAssertTrue(row(third, api).contains("deployed v2"), row(third, api))
        XCTAssertTrue(row(third, web).contains("deployed v3"), row(third, web))
        XCTAssertTrue(row(third, wrk).contains("skipped: unchanged since v1"), row(third, wrk))
        XCTAssertTrue(third.stderrText.contains("changed since v1: lib"), third.stderrText)
        XCTAssertTrue(third.stderrText.contains("2 of 3 linked app(s) to deploy, 2 at a time"), third.stderrText)
        for app in [api, web] {
            XCTAssertTrue(
                third.stderrText.contains("\(app) | -----> Building"), "prefixed output of \(app): \(third.stderrText)")
        }
        // Both built at once: each one's build started before the other's ended.
        let lines = third.stderrText.split(separator: "\n").map(String.init)
        let apiStart = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("remote: \(api) | -----> Building") })
        let webStart = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("remote: \(web) | -----> Building") })
        let apiEnd = try XCTUnwrap(lines.lastIndex { $0.hasPrefix("remote: \(api) | ") })
        let webEnd = try XCTUnwrap(lines.lastIndex { $0.hasPrefix("remote: \(web) | ") })
        XCTAssertTrue(apiStart < webEnd && webStart < apiEnd, "the two deploys overlap:\n\(third.stderrText)")
    }

    func testAFailedAppRejectsThePushKeepsTheOthersLiveAndIsRetriedNextPush() throws {
        let (mono, api, web, wrk) = (name("mono"), name("api"), name("web"), name("wrk"))
        _ = try ok(["repos:create", mono])
        for app in [api, web, wrk] { _ = try ok(["apps:create", app]) }
        _ = try ok(["repos:link", mono, api, "--path", "services/api"])
        _ = try ok(["repos:link", mono, web, "--path", "services/web"])
        _ = try ok(["repos:link", mono, wrk, "--path", "services/wrk"])
        // web's release task fails until READY=yes: a failure that no file of the repository fixes.
        _ = try ok(["config:set", web, "READY=no"])
        let repo = try monorepo(["api", "web", "wrk"])
        try repo.write("services/web/Procfile", "web: httpd -f -p $PORT -h /www\nrelease: test \"$READY\" = yes\n")
        try repo.commit("web has a release task")
        let first = try paas.push(repo, app: mono)
        XCTAssertFalse(first.succeeded, first.summary)
        XCTAssertTrue(first.stderrText.contains("pre-receive hook declined"), first.stderrText)
        XCTAssertTrue(row(first, web).contains("failed:"), row(first, web))
        XCTAssertTrue(row(first, api).contains("deployed v1"), row(first, api))
        XCTAssertEqual(try paas.waitFor(app: api, body: "api one\n").body, "api one\n", "the deployed apps stay live")
        XCTAssertTrue(try running(web).isEmpty, "nothing of the failed app runs")
        XCTAssertEqual(try report(mono)["head"] as? String, "", "the rejected push moved no ref")
        // api's live release names the rejected push's commit: paas kept its objects.
        let rebuild = try ok(["ps:rebuild", api])
        XCTAssertTrue(rebuild.stderrText.contains("unchanged since v1"), rebuild.stderrText)

        _ = try ok(["ps:stop", wrk])
        _ = try ok(["config:set", web, "READY=yes"])
        try page(repo, "api", "api two\n")
        try page(repo, "wrk", "wrk two\n")
        try repo.commit("api and wrk, nothing of web")
        let second = try paas.push(repo, app: mono)
        XCTAssertTrue(second.succeeded, second.summary)
        XCTAssertTrue(row(second, web).contains("deployed v1"), "web is retried: \(row(second, web))")
        XCTAssertTrue(row(second, api).contains("deployed v2"), row(second, api))
        XCTAssertTrue(row(second, wrk).contains("stopped, not deployed"), row(second, wrk))
        XCTAssertEqual(try paas.waitFor(app: web, body: "web one\n").body, "web one\n")
        XCTAssertEqual(try paas.waitFor(app: api, body: "api two\n").body, "api two\n")
        XCTAssertTrue(try running(wrk).isEmpty, "a stopped app is not started by the push")
        XCTAssertEqual(try paas.get(app: wrk).status == 200, false)
    }

    func testReposDeployIfChangedRebuildIfChangedAndBadInput() throws {
        let (mono, other, api, web, gone) = (name("mono"), name("other"), name("api"), name("web"), name("gone"))
        _ = try ok(["repos:create", mono])
        _ = try ok(["repos:create", other])
        for app in [api, web, gone] { _ = try ok(["apps:create", app]) }
        _ = try ok(["repos:link", mono, api, "--path", "services/api"])
        let repo = try monorepo(["api", "web"])
        let first = try paas.push(repo, app: mono)
        XCTAssertTrue(first.succeeded, first.summary)

        // Linked after the push: repos:deploy --if-changed deploys it and skips the others.
        _ = try ok(["repos:link", mono, web, "--path", "services/web"])
        let deploy = try ok(["repos:deploy", mono, "--if-changed"])
        XCTAssertTrue(row(deploy, web).contains("deployed v1"), deploy.stderrText)
        XCTAssertTrue(row(deploy, api).contains("skipped: unchanged since v1"), deploy.stderrText)
        XCTAssertEqual(try paas.waitFor(app: web, body: "web one\n").body, "web one\n")
        let rebuild = try ok(["ps:rebuild", api, "--if-changed"])
        XCTAssertTrue(row(rebuild, api).contains("skipped: unchanged since v1"), rebuild.stderrText)

        // Bad input: one line each, non-zero, nothing changed.
        let outside = try paas.ssh(["repos:link", mono, gone, "--path", "services/gone", "--watch", "../etc"])
        XCTAssertFalse(outside.succeeded)
        XCTAssertTrue(outside.stderrText.contains("watch path '../etc' is outside the repository"), outside.stderrText)
        let climbing = try paas.ssh(["repos:link", mono, gone, "--path", "../services"])
        XCTAssertFalse(climbing.succeeded)
        XCTAssertTrue(
            climbing.stderrText.contains("--path '../services' is outside the repository"), climbing.stderrText)
        XCTAssertEqual((try report(mono)["apps"] as? [[String: Any]])?.count, 2, "nothing was linked")
        let twice = try paas.ssh(["repos:link", other, api, "--path", "services/api"])
        XCTAssertFalse(twice.succeeded)
        XCTAssertTrue(twice.stderrText.contains("already linked to shared repository '\(mono)'"), twice.stderrText)
        let destroy = try paas.ssh(["repos:destroy", mono])
        XCTAssertFalse(destroy.succeeded)
        XCTAssertTrue(destroy.stderrText.contains("still has linked apps"), destroy.stderrText)
        let own = try paas.push(repo, app: api)
        XCTAssertFalse(own.succeeded)
        XCTAssertTrue(own.stderrText.contains("linked to shared repository '\(mono)'"), own.stderrText)
        let notApp = try paas.ssh(["apps:create", mono])
        XCTAssertFalse(notApp.succeeded)
        XCTAssertTrue(notApp.stderrText.contains("is a shared repository's name"), notApp.stderrText)

        // A --path missing from the pushed commit fails that app only.
        _ = try ok(["repos:link", mono, gone, "--path", "services/gone"])
        try page(repo, "api", "api two\n")
        try repo.commit("api two")
        let push = try paas.push(repo, app: mono)
        XCTAssertFalse(push.succeeded, push.summary)
        XCTAssertTrue(row(push, gone).contains("has no directory 'services/gone'"), push.stderrText)
        XCTAssertTrue(row(push, api).contains("deployed v2"), push.stderrText)
        XCTAssertTrue(row(push, web).contains("skipped: unchanged since v1"), push.stderrText)
        XCTAssertEqual(try paas.waitFor(app: api, body: "api two\n").body, "api two\n")

        _ = try ok(["repos:unlink", gone])
        let again = try paas.push(repo, app: mono)
        XCTAssertTrue(again.succeeded, "without the broken app the same commit goes through: \(again.summary)")
        XCTAssertTrue(row(again, api).contains("skipped: unchanged since v2"), again.stderrText)
        let linked = try XCTUnwrap(try report(mono)["apps"] as? [[String: Any]])
        XCTAssertEqual(linked.compactMap { $0["app"] as? String }, [api, web].sorted())
        XCTAssertEqual(linked.first { $0["app"] as? String == api }?["release"] as? String, "v2")
    }

    func testASecondPushWaitsForTheFirstAndALockedAppWaitsAlone() throws {
        let (mono, api, web) = (name("mono"), name("api"), name("web"))
        _ = try ok(["repos:create", mono])
        for app in [api, web] { _ = try ok(["apps:create", app]) }
        _ = try ok(["repos:link", mono, api, "--path", "services/api"])
        _ = try ok(["repos:link", mono, web, "--path", "services/web"])
        let repo = try monorepo(["api", "web"])
        // Someone holds the repository's lock (another push) and web's lock (its own deploy) for
        // a moment; `flock` takes the same kernel locks paas does.
        let repoLock = paas.root.file("locks/repo.\(mono).lock")
        let appLock = paas.root.file("locks/\(web).lock")
        try FileManager.default.createDirectory(atPath: paas.root.file("locks"), withIntermediateDirectories: true)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [repoLock, "/usr/bin/flock", appLock, "sleep", "2"]
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        Thread.sleep(forTimeInterval: 0.3)
        let webHolder = Process()
        webHolder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        webHolder.arguments = [appLock, "sleep", "4"]

        let push = try paas.push(repo, app: mono)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(push.stderrText.contains("Waiting for shared repository \(mono)"), push.stderrText)
        XCTAssertTrue(row(push, api).contains("deployed v1"), push.stderrText)
        XCTAssertTrue(row(push, web).contains("deployed v1"), push.stderrText)
        holder.waitUntilExit()

        // web is locked by its own deploy: only web waits; api deploys meanwhile.
        try webHolder.run()
        defer { if webHolder.isRunning { webHolder.terminate() } }
        Thread.sleep(forTimeInterval: 0.3)
        try page(repo, "api", "api two\n")
        try page(repo, "web", "web two\n")
        try repo.commit("both")
        let second = try paas.push(repo, app: mono)
        XCTAssertTrue(second.succeeded, second.summary)
        XCTAssertTrue(second.stderrText.contains("\(web) | -----> Waiting for \(web)"), second.stderrText)
        XCTAssertFalse(second.stderrText.contains("\(api) | -----> Waiting"), second.stderrText)
        XCTAssertTrue(row(second, api).contains("deployed v2"), second.stderrText)
        XCTAssertTrue(row(second, web).contains("deployed v2"), second.stderrText)
        let lines = second.stderrText.split(separator: "\n").map(String.init)
        let apiDone = try XCTUnwrap(lines.firstIndex { $0.contains("\(api) | -----> Application deployed") })
        let webBuild = try XCTUnwrap(lines.firstIndex { $0.contains("\(web) | -----> Building") })
        XCTAssertLessThan(apiDone, webBuild, "api went live while web waited for its lock")
        XCTAssertEqual(try paas.waitFor(app: web, body: "web two\n").body, "web two\n")
    }

    func testAnAppMovesFromItsOwnRepositoryKeepingItsReleases() throws {
        let (mono, api) = (name("mono"), name("api"))
        let own = try Apps.staticPage("own repository\n")
        XCTAssertTrue(try paas.push(own, app: api).succeeded)
        XCTAssertEqual(try paas.waitFor(app: api, body: "own repository\n").body, "own repository\n")

        _ = try ok(["repos:create", mono])
        _ = try ok(["repos:link", mono, api, "--path", "services/api"])
        let repo = try monorepo(["api"])
        let push = try paas.push(repo, app: mono)
        XCTAssertTrue(push.succeeded, push.summary)
        XCTAssertTrue(row(push, api).contains("deployed v2"), push.stderrText)
        XCTAssertEqual(try paas.waitFor(app: api, body: "api one\n").body, "api one\n")
        let releases = try ok(["releases", api, "--format", "json"])
        let versions = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(releases.stdoutText.utf8)) as? [[String: Any]])
        XCTAssertEqual(versions.count, 2, "v1 from its own repository is kept: \(releases.stdoutText)")
        let rollback = try ok(["rollback", api, "v1"])
        XCTAssertTrue(rollback.succeeded)
        XCTAssertEqual(try paas.waitFor(app: api, body: "own repository\n").body, "own repository\n")
    }
}
