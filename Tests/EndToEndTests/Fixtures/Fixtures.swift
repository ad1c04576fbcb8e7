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
            import os
            import socket

            GREETING = \(String(reflecting: greeting + "\n")).encode()

            # python3-minimal has no http.server: answer every request with GREETING by hand.
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("0.0.0.0", int(os.environ["PORT"])))
            server.listen(16)
            while True:
                conn, _ = server.accept()
                try:
                    conn.recv(65536)
                    head = "HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n"
                    conn.sendall((head % len(GREETING)).encode() + GREETING)
                finally:
                    conn.close()

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
