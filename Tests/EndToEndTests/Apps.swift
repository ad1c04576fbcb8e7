import Foundation
import PaasTestSupport

/// The small apps the end-to-end tests push: all `FROM paas/busybox:latest`.
enum Apps {
    /// A Dockerfile app whose busybox httpd serves `page` at `/` on `$PORT`.
    static func staticPage(_ page: String) throws -> GitFixture {
        let repo = try GitFixture()
        try writeStaticPage(repo, page)
        try repo.commit("static page")
        return repo
    }

    /// Writes (or rewrites) the static page app's files, without committing.
    static func writeStaticPage(_ repo: GitFixture, _ page: String) throws {
        try repo.write(
            "Dockerfile",
            """
            FROM paas/busybox:latest
            COPY www /www
            CMD httpd -f -p $PORT -h /www

            """)
        try repo.write("www/index.html", page)
    }

    /// An app with a Procfile: `web` writes its environment to /www/env.txt, logs a line and
    /// serves /www; `worker` logs a line every half second.
    static func envPrinter() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write(
            "Dockerfile",
            """
            FROM paas/busybox:latest
            COPY www /www
            CMD httpd -f -p $PORT -h /www

            """)
        try repo.write("www/index.html", "env printer\n")
        try repo.write(
            "Procfile",
            """
            # web serves its own environment
            web: env > /www/env.txt; echo "web-started $DYNO"; exec httpd -f -p $PORT -h /www

            worker: while true; do echo "worker-tick $DYNO"; sleep 0.5; done

            """)
        try repo.commit("env printer")
        return repo
    }
}
