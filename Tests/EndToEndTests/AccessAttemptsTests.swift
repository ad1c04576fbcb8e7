import Foundation
import PaasStore
import PaasSupport
import PaasTestSupport
import XCTest

/// Issue 14, end to end: attempts a user might make to do what they may not, through real ssh,
/// git and Docker. Each is refused with a line saying why, and leaves everything as it was
/// (`AttemptBench.attempt`). docs/security.md gives the count; each test checks its share.
final class AccessAttemptsTests: XCTestCase {
    var bench: AttemptBench!

    override func setUpWithError() throws { bench = try AttemptBench("sec") }
    override func tearDown() {
        bench?.cleanup()
        bench = nil
    }

    // MARK: - Every role against every command class

    func testEveryRoleAgainstEveryCommandClass() throws {
        let b = bench!
        let bank = b.bank
        let other = b.other
        let pub = Array((try b.paas.sshd.makeKey("evil").publicKey + "\n").utf8)
        // read: reads and logs of its app, nothing that changes it or shows its secrets.
        b.attempt("read shows config", expect: "reader may not config:show \(bank) (role read)") {
            try b.ssh("reader", ["config:show", bank])
        }
        b.attempt("read sets config", expect: "reader may not config:set \(bank) (role read)") {
            try b.ssh("reader", ["config:set", bank, "A=1"])
        }
        b.attempt("read runs env", expect: "reader may not run \(bank) (role read)") {
            try b.ssh("reader", ["run", bank, "env"])
        }
        b.attempt("read pushes", expect: "reader may not push \(bank) (role read)") { try b.push("reader", to: bank) }
        b.attempt("read clones", expect: "reader may not fetch \(bank) (role read)") { try b.clone("reader", bank) }
        b.attempt("read destroys", expect: "reader may not apps:destroy \(bank) (role read)") {
            try b.ssh("reader", ["apps:destroy", bank, "--force"])
        }
        b.attempt("read adds a domain", expect: "reader may not domains:add \(bank) (role read)") {
            try b.ssh("reader", ["domains:add", bank, "x.example.com"])
        }
        b.attempt("read stops", expect: "reader may not ps:stop \(bank) (role read)") {
            try b.ssh("reader", ["ps:stop", bank])
        }
        b.attempt("read rolls back", expect: "reader may not rollback \(bank) (role read)") {
            try b.ssh("reader", ["rollback", bank])
        }
        b.attempt("read grants itself admin", expect: "reader may not acl:grant \(bank) (role read)") {
            try b.ssh("reader", ["acl:grant", bank, "reader", "admin"])
        }
        b.attempt("read puts the app in maintenance", expect: "reader may not maintenance:on \(bank) (role read)") {
            try b.ssh("reader", ["maintenance:on", bank])
        }
        b.attempt("read reads another app's logs", expect: "reader may not logs \(other) (role none)") {
            try b.ssh("reader", ["logs", other])
        }
        b.attempt("read lists keys", expect: "reader may not ssh-keys:list (role none)") {
            try b.ssh("reader", ["ssh-keys:list"])
        }
        b.attempt("read adds a key", expect: "reader may not ssh-keys:add (role none)") {
            try b.ssh("reader", ["ssh-keys:add", "evil"], stdin: pub)
        }
        b.attempt("read creates an app", expect: "reader may not apps:create (role none)") {
            try b.ssh("reader", ["apps:create", b.paas.id.name("new")])
        }
        b.attempt("read sets global config", expect: "reader may not config:set (role none)") {
            try b.ssh("reader", ["config:set", "--global", "A=1"])
        }
        // deploy: everything that runs the app, nothing that ends it or says who may use it.
        b.attempt("deploy destroys", expect: "deployer may not apps:destroy \(bank) (role deploy)") {
            try b.ssh("deployer", ["apps:destroy", bank, "--force"])
        }
        b.attempt("deploy renames", expect: "deployer may not apps:rename \(bank) (role deploy)") {
            try b.ssh("deployer", ["apps:rename", bank, b.paas.id.name("renamed")])
        }
        b.attempt("deploy grants itself admin", expect: "deployer may not acl:grant \(bank) (role deploy)") {
            try b.ssh("deployer", ["acl:grant", bank, "deployer", "admin"])
        }
        b.attempt("deploy lists access", expect: "deployer may not acl:list \(bank) (role deploy)") {
            try b.ssh("deployer", ["acl:list", bank])
        }
        b.attempt("deploy reads another app's config", expect: "deployer may not config:show \(other) (role none)") {
            try b.ssh("deployer", ["config:show", other])
        }
        b.attempt("deploy pushes another app", expect: "deployer may not push \(other) (role none)") {
            try b.push("deployer", to: other)
        }
        b.attempt(
            "deploy creates an app by pushing", expect: "deployer may not push \(b.paas.id.name("pushed")) (role none)"
        ) {
            try b.push("deployer", to: b.paas.id.name("pushed"))
        }
        b.attempt("deploy removes the admin key", expect: "deployer may not ssh-keys:remove (role none)") {
            try b.ssh("deployer", ["ssh-keys:remove", "tester"])
        }
        b.attempt("deploy restores every app", expect: "deployer may not ps:restore (role none)") {
            try b.ssh("deployer", ["ps:restore"])
        }
        b.attempt("deploy reconciles every app", expect: "deployer may not ps:reconcile (role none)") {
            try b.ssh("deployer", ["ps:reconcile"])
        }
        b.attempt("deploy sets a global setting", expect: "deployer may not checks:set (role none)") {
            try b.ssh("deployer", ["checks:set", "--global", "wait", "1"])
        }
        b.attempt("deploy lists plugins", expect: "deployer may not plugin:list (role none)") {
            try b.ssh("deployer", ["plugin:list"])
        }
        // admin of one app: nothing of the others, nothing of the host.
        b.attempt("app admin adds a key", expect: "owner may not ssh-keys:add (role none)") {
            try b.ssh("owner", ["ssh-keys:add", "evil"], stdin: pub)
        }
        b.attempt("app admin destroys another app", expect: "owner may not apps:destroy \(other) (role none)") {
            try b.ssh("owner", ["apps:destroy", other, "--force"])
        }
        b.attempt("app admin grants itself another app", expect: "owner may not acl:grant \(other) (role none)") {
            try b.ssh("owner", ["acl:grant", other, "owner", "admin"])
        }
        b.attempt("app admin lists all access", expect: "owner may not acl:list (role none)") {
            try b.ssh("owner", ["acl:list"])
        }
        b.attempt("app admin creates an app", expect: "owner may not apps:create (role none)") {
            try b.ssh("owner", ["apps:create", b.paas.id.name("mine")])
        }
        // no role: nothing but help and version.
        b.attempt("none reads app info", expect: "nobody may not apps:info \(bank) (role none)") {
            try b.ssh("nobody", ["apps:info", bank])
        }
        b.attempt("none reads logs", expect: "nobody may not logs \(bank) (role none)") {
            try b.ssh("nobody", ["logs", bank])
        }
        b.attempt("none reads releases", expect: "nobody may not releases \(bank) (role none)") {
            try b.ssh("nobody", ["releases", bank])
        }
        b.attempt("none reads maintenance", expect: "nobody may not maintenance:report \(bank) (role none)") {
            try b.ssh("nobody", ["maintenance:report", bank])
        }
        b.attempt("none clones", expect: "nobody may not fetch \(bank) (role none)") { try b.clone("nobody", bank) }
        // host admin: everything but plugins, and never the last admin away.
        b.attempt("admin installs a plugin", expect: "tester may not plugin:install (role admin): it is for root on the host only") {
            try b.ssh("tester", ["plugin:install", TestPaths.plugins + "/maintenance", "--replace"])
        }
        b.attempt("admin disables the proxy plugin", expect: "tester may not plugin:disable (role admin)") {
            try b.ssh("tester", ["plugin:disable", "nginx"])
        }
        b.attempt("admin removes the last admin key", expect: "'tester' is the last key with the admin role") {
            try b.ssh("tester", ["ssh-keys:remove", "tester"])
        }
        // The app checked is the one the command acts on, after parsing.
        b.attempt("an option value that names a granted app", expect: "deployer may not logs \(other) (role none)") {
            try b.ssh("deployer", ["logs", "-p", bank, other])
        }
        // What a key may see.
        let list = try b.ssh("reader", ["apps:list"])
        XCTAssertTrue(list.succeeded, list.summary)
        XCTAssertTrue(list.stdoutText.contains(bank), list.summary)
        XCTAssertFalse(list.stdoutText.contains(other), "a key sees only its apps: \(list.summary)")
        XCTAssertEqual(b.count, 42, "attempts refused as expected")
        print("security suite: roles: \(b.count) attempts refused")
    }

    // MARK: - Injection, names, paths, oversize input, key tricks, domain takeover

    func testInjectionNamesPathsOversizeInputKeyTricksAndDomainTakeover() throws {
        let b = bench!
        let bank = b.bank
        let other = b.other
        let touch = "touch \(b.marker)"
        // Injection: words reach paas as words, never a shell.
        b.attempt("app name with a command", expect: "invalid app name") {
            try b.ssh("tester", ["apps:create", "x;\(touch)"])
        }
        b.attempt("app name with a substitution", expect: "invalid app name") {
            try b.ssh("tester", ["apps:create", "$(\(touch))"])
        }
        b.attempt("command chained with &&", expect: "paas apps:list") {
            try b.raw("tester", ["apps:list", "&&", touch])
        }
        b.attempt("command chained with ;", expect: "does not exist") {
            try b.raw("tester", ["config:show", "nope;", touch])
        }
        b.attempt("backquotes as a command", expect: "unknown command") { try b.raw("tester", ["`\(touch)`"]) }
        b.attempt("a shell", expect: "unknown command 'sh'") { try b.raw("tester", ["sh", "-c", "'\(touch)'"]) }
        b.attempt("an unterminated quote", expect: "unterminated") { try b.raw("tester", ["config:show", "'\(bank)"]) }
        b.attempt("no command at all", expect: "there is no shell") { try b.raw("tester", []) }
        b.attempt("a git command with two paths", expect: "takes one repository path") {
            try b.raw("tester", ["git-receive-pack", "'\(bank)'", "'\(touch)'"])
        }
        b.attempt("a git path with a command", expect: "invalid app name") {
            try b.raw("tester", ["git-upload-pack", "'\(bank);\(touch)'"])
        }
        // Names and paths.
        b.attempt("app name upper case", expect: "invalid app name") { try b.ssh("tester", ["apps:create", "BANK2"]) }
        b.attempt("app name with a slash", expect: "invalid app name") {
            try b.ssh("tester", ["apps:create", "../etc"])
        }
        b.attempt("push to a path outside", expect: "invalid app name") { try b.push("tester", to: "../../etc/passwd") }
        b.attempt("push through ..", expect: "invalid app name") { try b.push("tester", to: "\(bank)/../\(other)") }
        b.attempt("build dir outside the repository", expect: "build-dir cannot be '../../etc'") {
            try b.ssh("tester", ["builder:set", bank, "build-dir", "../../etc"])
        }
        b.attempt("absolute build dir", expect: "build-dir cannot be '/etc'") {
            try b.ssh("tester", ["builder:set", bank, "build-dir", "/etc"])
        }
        b.attempt("a domain with a command", expect: "invalid domain") {
            try b.ssh("tester", ["domains:add", bank, "x.com;\(touch)"])
        }
        b.attempt("a domain that is a path", expect: "invalid domain") {
            try b.ssh("tester", ["domains:add", bank, "../../x"])
        }
        b.attempt("grant to a key that does not exist", expect: "no ssh key named 'ghost'") {
            try b.ssh("tester", ["acl:grant", bank, "ghost", "read"])
        }
        b.attempt("grant a role that does not exist", expect: "paas acl:grant") {
            try b.ssh("tester", ["acl:grant", bank, "reader", "root"])
        }
        b.attempt("revoke what was never granted", expect: "key 'nobody' has no role on app") {
            try b.ssh("tester", ["acl:revoke", bank, "nobody"])
        }
        // Oversize input.
        b.attempt("logs asking for a billion lines", expect: "-n takes 0 to 10000 lines") {
            try b.ssh("tester", ["logs", bank, "-n", "1000000000"])
        }
        b.attempt("a key on stdin over 64 KiB", expect: "the key on stdin is over 64 KiB") {
            try b.ssh("tester", ["ssh-keys:add", "big"], stdin: Array(repeating: UInt8(ascii: "A"), count: 100 * 1024))
        }
        b.attempt("10 MiB on stdin", expect: "the key on stdin is over 64 KiB") {
            try b.ssh(
                "tester", ["ssh-keys:add", "bigger"], stdin: Array(repeating: UInt8(ascii: "\n"), count: 10 << 20))
        }
        // Key tricks.
        let evil = try b.paas.sshd.makeKey("evil").publicKey
        b.attempt("a key name ending in a newline", expect: "invalid key name") {
            try b.ssh("tester", ["ssh-keys:add", "evil\n"], stdin: Array((evil + "\n").utf8))
        }
        b.attempt("a key name that closes the forced command", expect: "invalid key name") {
            try b.ssh("tester", ["ssh-keys:add", #"x",command="sh"#], stdin: Array((evil + "\n").utf8))
        }
        b.attempt("a key name with a space", expect: "invalid key name") {
            try b.ssh("tester", ["ssh-keys:add", "a b"], stdin: Array((evil + "\n").utf8))
        }
        b.attempt("a key read from a host file", expect: "reads FILE only as root on the host") {
            try b.ssh("tester", ["ssh-keys:add", "evil", "/etc/ssh/ssh_host_ed25519_key.pub"])
        }
        b.attempt("a key with its own options", expect: "not an OpenSSH public key line") {
            try b.ssh("tester", ["ssh-keys:add", "evil"], stdin: Array(("command=\"sh\" " + evil + "\n").utf8))
        }
        b.attempt("two keys under one name", expect: "2 lines given") {
            try b.ssh(
                "tester", ["ssh-keys:add", "evil"], stdin: Array((evil + "\n" + b.key("nobody").publicKey + "\n").utf8))
        }
        b.attempt("a key already added under another name", expect: "is already added as 'nobody'") {
            try b.ssh("tester", ["ssh-keys:add", "evil"], stdin: Array((b.key("nobody").publicKey + "\n").utf8))
        }
        b.attempt("a name already taken", expect: "an ssh key named 'reader' already exists") {
            try b.ssh("tester", ["ssh-keys:add", "reader"], stdin: Array((evil + "\n").utf8))
        }
        b.attempt("switching keys through ssh-entry", expect: "unknown command 'ssh-entry'") {
            try b.ssh("nobody", ["ssh-entry", "tester"])
        }
        // Domain takeover: another app's default domain, existing or not, is no one else's.
        let host = b.paas.domain
        b.attempt("another app's default domain", expect: "belongs to the app name '\(bank)'") {
            try b.ssh("tester", ["domains:add", other, "\(bank).\(host)"])
        }
        b.attempt("a future app's default domain", expect: "belongs to the app name 'future'") {
            try b.ssh("tester", ["domains:add", other, "future.\(host)"])
        }
        b.attempt("every app's default domain", expect: "belongs to the app name '*'") {
            try b.ssh("tester", ["domains:add", other, "*.\(host)"])
        }
        b.attempt("below another app's default domain", expect: "belongs to the app name '\(bank)'") {
            try b.ssh("tester", ["domains:set", other, "www.\(bank).\(host)"])
        }
        b.attempt("another app's default domain in capitals", expect: "belongs to the app name '\(bank)'") {
            try b.ssh("tester", ["domains:add", other, "\(bank).\(host)".uppercased()])
        }
        b.attempt("a deploy key claims another app's domain", expect: "belongs to the app name '\(other)'") {
            try b.ssh("deployer", ["domains:add", bank, "\(other).\(host)"])
        }
        b.attempt("removing the default domain", expect: "is the default domain of \(bank)") {
            try b.ssh("tester", ["domains:remove", bank, "\(bank).\(host)"])
        }
        // As an older paas let it happen: `other` holds the default domain of an app not yet made.
        try Store(root: StateRoot(path: b.paas.rootPath)).addDomains(other, ["legacy.\(host)"])
        b.attempt("creating the app whose default domain is taken", expect: "app '\(other)' already has legacy.\(host)")
        {
            try b.ssh("tester", ["apps:create", "legacy"])
        }
        b.attempt("pushing the app whose default domain is taken", expect: "app '\(other)' already has legacy.\(host)")
        {
            try b.push("tester", to: "legacy")
        }
        b.attempt(
            "renaming to the app whose default domain is taken", expect: "app '\(other)' already has legacy.\(host)"
        ) {
            try b.ssh("tester", ["apps:rename", bank, "legacy"])
        }
        XCTAssertEqual(b.count, 43, "attempts refused as expected")
        print("security suite: inputs, keys, domains: \(b.count) attempts refused")
    }
}
