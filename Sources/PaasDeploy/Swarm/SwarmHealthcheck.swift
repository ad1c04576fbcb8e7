import AppSpec
import DockerEngine

/// The Docker health check a Swarm task of a web process gets: the app's first app.json HTTP
/// check if it has one (path and expected content), else "the port accepts connections". Swarm
/// only counts a started task as running, and only then stops the old one, once it passes.
///
/// The check runs inside the app's image with whatever it has (wget, curl, python3 or bash).
/// The URL and content reach it through the environment, never inside the script's text.
public enum SwarmHealthcheck {
    /// The check for a web process listening on `port` inside, and the env vars it reads.
    public static func make(checks: [HealthCheck], port: Int, attempts: Int) -> (HealthcheckSpec, [String: String]) {
        let http = checks.first { $0.path != nil && $0.type != .liveness } ?? checks.first { $0.path != nil }
        var env: [String: String] = [:]
        let script: String
        if let http, let path = http.path {
            env["PAAS_CHECK_URL"] = "http://127.0.0.1:\(http.port ?? port)" + (path.hasPrefix("/") ? path : "/" + path)
            env["PAAS_CHECK_CONTENT"] = http.content ?? ""
            script = httpScript
        } else {
            env["PAAS_CHECK_PORT"] = String(port)
            script = portScript
        }
        let second: Int64 = 1_000_000_000
        let spec = HealthcheckSpec(
            test: ["CMD-SHELL", script], interval: second, timeout: 5 * second, startPeriod: 10 * second,
            retries: max(1, attempts))
        return (spec, env)
    }

    /// GETs $PAAS_CHECK_URL; fails on an error status, or when the body lacks $PAAS_CHECK_CONTENT.
    static let httpScript = """
        if command -v wget >/dev/null 2>&1; then b=$(wget -q -T 5 -O - "$PAAS_CHECK_URL") || exit 1; \
        elif command -v curl >/dev/null 2>&1; then b=$(curl -fsS -m 5 "$PAAS_CHECK_URL") || exit 1; \
        elif command -v python3 >/dev/null 2>&1; then b=$(python3 -c 'import os,urllib.request as r; \
        print(r.urlopen(os.environ["PAAS_CHECK_URL"],timeout=5).read().decode("utf-8","replace"))') || exit 1; \
        else exit 1; fi; \
        [ -z "$PAAS_CHECK_CONTENT" ] || case "$b" in *"$PAAS_CHECK_CONTENT"*) exit 0;; *) exit 1;; esac
        """

    /// Connects to 127.0.0.1:$PAAS_CHECK_PORT; any HTTP answer (even 404) counts. The port is
    /// checked to be digits, and never pasted into the text of another shell.
    static let portScript = """
        p="$PAAS_CHECK_PORT"; case "$p" in ''|*[!0-9]*) exit 1;; esac; \
        if command -v python3 >/dev/null 2>&1; then \
        exec python3 -c 'import os,socket; socket.create_connection(("127.0.0.1",int(os.environ["PAAS_CHECK_PORT"])),3)'; fi; \
        if command -v bash >/dev/null 2>&1; then exec bash -c ': </dev/tcp/127.0.0.1/"$PAAS_CHECK_PORT"'; fi; \
        if command -v curl >/dev/null 2>&1; then curl -s -o /dev/null -m 3 "http://127.0.0.1:$p/"; \
        [ $? -eq 7 ] && exit 1 || exit 0; fi; \
        if command -v wget >/dev/null 2>&1; then o=$(wget -q -T 3 -O /dev/null "http://127.0.0.1:$p/" 2>&1); s=$?; \
        [ $s -eq 0 ] || [ $s -eq 8 ] && exit 0; \
        case "$o" in *"server returned"*|*"HTTP/"*) exit 0;; *) exit 1;; esac; fi; \
        exit 1
        """
}
