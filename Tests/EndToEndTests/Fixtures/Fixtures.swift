import Foundation
import PaasTestSupport

/// Apps and images for the builder, task and plugin tests (the plain Dockerfile apps are in `Apps`).
enum Fixtures {
    /// Writes a Python app for the builder image: `app.py` answers every GET with `greeting` on
    /// `$PORT`, and the Procfile's `web` starts it.
    static func pythonApp(_ repo: GitFixture, greeting: String) throws {
        try repo.write(
            "app.py",
            """
            import http.server
            import os

            GREETING = \(String(reflecting: greeting + "\n"))


            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = GREETING.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)


            http.server.HTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()

            """)
        try repo.write("Procfile", "web: python3 app.py\n")
    }

    /// Makes a busybox builder image labelled with this test's id (the harness removes it):
    /// its build prints `sleepy builder: building`, and when the source has a `SLEEP` file,
    /// prints `sleepy builder: sleeping` and sleeps that many seconds. Returns its reference.
    static func sleepyBuilder(_ paas: PaasHarness) throws -> String {
        let dir = try TempDir(prefix: "paas-builder")
        try dir.write(
            "build",
            """
            #!/bin/sh
            echo "sleepy builder: building"
            if [ -f /workspace/SLEEP ]; then
                echo "sleepy builder: sleeping"
                sleep "$(cat /workspace/SLEEP)"
            fi
            echo "sleepy builder: done"

            """, mode: 0o755)
        try dir.write(
            "Dockerfile",
            """
            FROM paas/busybox:latest
            COPY build /build
            RUN mkdir -p /workspace /cache
            LABEL paas.builder.build=/build

            """)
        let ref = "paas-test/\(paas.id.value)-sleepy:latest"
        try Run.checked(
            "docker", ["build", "-q", "--label", paas.id.labelFilter, "-t", ref, dir.path],
            environment: ["DOCKER_BUILDKIT": "0"], timeout: .seconds(120))
        return ref
    }
}
