import AppSpec
import XCTest

final class AppJSONTests: XCTestCase {
    func parse(_ text: String) throws -> AppJSON { try AppJSON.parse(Array(text.utf8)) }

    func testFullDokkuAndHerokuFile() throws {
        let app = try parse(
            """
            {
              "name": "ignored", "unknown": [1, {"x": null}],
              "scripts": {"dokku": {"predeploy": "./migrate", "postdeploy": "echo done"}, "postdeploy": "heroku-only"},
              "formation": {"web": {"quantity": 2, "size": "basic"}, "worker": {}},
              "env": {"SECRET": {"description": "s", "required": true}, "PLAIN": "v"},
              "healthchecks": {
                "web": [
                  {"type": "startup", "name": "web check", "path": "/health", "port": 5000, "attempts": 3,
                   "timeout": 5, "wait": 2, "initialDelay": 1, "content": "ok \\u00e9\\ud83d\\ude80", "uptime": 10},
                  {"type": "liveness", "command": ["/bin/check", "--fast"], "listening": true},
                  {"command": "test -f /tmp/ready"}
                ]
              }
            }
            """)
        XCTAssertEqual(app.scripts, AppJSON.Scripts(predeploy: "./migrate", postdeploy: "echo done"))
        XCTAssertEqual(app.formation, ["web": 2, "worker": 1])
        XCTAssertEqual(app.env, ["PLAIN", "SECRET"])
        XCTAssertEqual(
            app.healthchecks["web"],
            [
                HealthCheck(
                    type: .startup, name: "web check", path: "/health", port: 5000, attempts: 3, timeout: 5, wait: 2,
                    initialDelay: 1, content: "ok é🚀", uptime: 10),
                HealthCheck(type: .liveness, command: ["/bin/check", "--fast"], listening: true),
                HealthCheck(command: ["/bin/sh", "-c", "test -f /tmp/ready"]),
            ])
    }

    func testHerokuScriptsAndEmptyObject() throws {
        XCTAssertEqual(
            try parse(#"{"scripts": {"predeploy": "a", "postdeploy": "b"}}"#).scripts,
            AppJSON.Scripts(predeploy: "a", postdeploy: "b"))
        XCTAssertEqual(try parse("\u{FEFF} {} \n"), AppJSON())
        XCTAssertEqual(try parse(#"{"scripts": null, "healthchecks": {"web": []}}"#).healthchecks, ["web": []])
    }

    func testMalformedJSONNamesLineAndColumn() {
        assertRefused("app.json line 4, column 14: unexpected '}', expected a member name in double quotes") {
            try parse("{\n  \"scripts\": {\n    \"dokku\": {\n      \"a\": 1,}\n  }\n}")
        }
        assertRefused("app.json line 2, column 3: unexpected \"'\", expected a member name in double quotes") {
            try parse("{\n  'name': 1\n}")
        }
        assertRefused("app.json line 1, column 11: unexpected '\"', expected ',' or '}'") {
            try parse(#"{"a": "é" "b": 2}"#)
        }
        assertRefused("app.json line 3, column 1: unexpected end of file, expected a value") {
            try parse("{\"a\":\n\n")
        }
        assertRefused("app.json line 1, column 3: the file is empty, expected a JSON object") { try parse("  ") }
        assertRefused("app.json line 1, column 7: invalid number '01'") { try parse(#"{"a": 01}"#) }
        assertRefused("app.json line 1, column 7: unexpected word, expected a value (strings need double quotes)") {
            try parse(#"{"a": yes}"#)
        }
        assertRefused("app.json line 1, column 9: a control character (or line break) inside a string must be escaped") {
            try parse("{\"a\": \"x\ny\"}")
        }
        assertRefused("app.json line 1, column 4: unexpected 'x' after the end of the JSON value") { try parse("{} x") }
        assertRefused("app.json line 1, column 9: invalid escape '\\q' in a string") { try parse(#"{"a": "\q"}"#) }
    }

    func testWrongTypesNameTheFieldPath() {
        assertRefused("app.json: healthchecks.web[0].attempts must be a number") {
            try parse(#"{"healthchecks": {"web": [{"attempts": "3"}]}}"#)
        }
        assertRefused("app.json: healthchecks.web[1].timeout must be a whole number, 0 or more") {
            try parse(#"{"healthchecks": {"web": [{}, {"timeout": 1.5}]}}"#)
        }
        assertRefused("app.json: healthchecks.web[0].type must be one of startup, liveness, readiness") {
            try parse(#"{"healthchecks": {"web": [{"type": "sometimes"}]}}"#)
        }
        assertRefused("app.json: healthchecks.web must be an array") { try parse(#"{"healthchecks": {"web": {}}}"#) }
        assertRefused("app.json: healthchecks.web[0].command[1] must be a string") {
            try parse(#"{"healthchecks": {"web": [{"command": ["a", 2]}]}}"#)
        }
        assertRefused("app.json: healthchecks.web[0].listening must be true or false") {
            try parse(#"{"healthchecks": {"web": [{"listening": "yes"}]}}"#)
        }
        assertRefused("app.json: scripts.dokku.predeploy must be a string") {
            try parse(#"{"scripts": {"dokku": {"predeploy": ["a"]}}}"#)
        }
        assertRefused(#"app.json: formation.web must be an object like {"quantity": 1}"#) {
            try parse(#"{"formation": {"web": 2}}"#)
        }
        assertRefused("app.json: formation.web.quantity must be a whole number, 0 or more") {
            try parse(#"{"formation": {"web": {"quantity": -1}}}"#)
        }
        assertRefused("app.json: the top level must be an object, not an array") { try parse("[]") }
    }
}
