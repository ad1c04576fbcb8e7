import Foundation
import PaasDeploy
import PaasPluginKit
import PaasSupport

/// How every deployed app answers through the proxy, asked at its default domain on the
/// proxy's loopback port: before an upgrade (step 1) and after it (step 6), where every app that
/// answered before must answer again and the proxy plugins must find their configuration valid.
public struct AppProbes {
    let platform: Platform
    let port: Int

    public init(platform: Platform, port: Int) {
        self.platform = platform
        self.port = port
    }

    /// The HTTP status each app with a live release answers with (0: no answer).
    public func probe() throws -> [String: Int] {
        var answers: [String: Int] = [:]
        for app in try platform.store.apps() where try platform.store.liveRelease(app.name) != nil {
            answers[app.name] = status(of: app.name)
        }
        return answers
    }

    /// Fires `proxy-check`, then checks that every app that answered (below 500) in `before`
    /// answers so again, allowing each a few seconds. Returns a one-line summary.
    public func check(against before: [String: Int], wait: Duration = .seconds(10)) throws -> String {
        try platform.fire(.proxyCheck, app: nil, payload: NoPayload())
        var checked = 0
        for (app, answer) in before.sorted(by: { $0.key < $1.key }) where Self.answers(answer) {
            let deadline = ContinuousClock.now + wait
            var now = status(of: app)
            while !Self.answers(now) && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.25)
                now = status(of: app)
            }
            guard Self.answers(now) else { throw AppStoppedAnswering(app: app, before: answer, now: now) }
            checked += 1
        }
        return "the proxy's configuration is valid; \(checked) app(s) answer through the proxy"
    }

    static func answers(_ status: Int) -> Bool { (1..<500).contains(status) }

    private func status(of app: String) -> Int {
        let host = Domains.defaultDomain(app: app, platform: platform)
        return HTTPProbe.get(port: port, path: "/", host: host, timeout: .seconds(5))?.status ?? 0
    }
}

/// An app answered through the proxy before the upgrade and does not now.
public struct AppStoppedAnswering: Error, CustomStringConvertible {
    public let app: String
    public let before: Int
    public let now: Int
    public var description: String {
        "\(app) answered \(before) through the proxy before the upgrade and now "
            + (now == 0 ? "does not answer" : "answers \(now)")
    }
}
