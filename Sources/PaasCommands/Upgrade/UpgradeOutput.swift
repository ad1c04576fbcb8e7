import ArgumentParser
import DockerEngine
import PaasSupport
import PaasUpgrade

/// What `upgrade` and `upgrade:rollback` print once the helper is started.
enum UpgradeOutput {
    static func started(_ status: UpgradeStatus, wait: Bool, ctx: CommandContext, docker: DockerClient) throws {
        let what = status.kind == .upgrade ? "Upgrade" : "Rollback"
        ctx.err.line(
            "-----> \(what) \(status.id): \(status.from.version) -> \(status.to.version), in helper container \(status.helper)"
        )
        guard wait else {
            ctx.out.line(status.id)
            ctx.err.line("       Follow it with upgrade:status (or upgrade:log); it goes on if you leave.")
            return
        }
        let follower = UpgradeFollower(root: ctx.root, log: ctx.err) { (try? docker.inspectContainer($0)) != nil }
        let final = try follower.follow(status.id)
        guard final.state.isFinal else {
            throw ExitCodeError(
                code: 1,
                message: "the helper of \(final.id) stopped at step \(final.lastStep) without finishing; "
                    + "the next paas command rolls it back (see upgrade:status)")
        }
        guard final.state == .succeeded else {
            throw ExitCodeError(code: 1, message: UpgradeFollower.describe(final).joined(separator: "\n"))
        }
        ctx.out.line(final.summary)
    }
}
