import PaasStore

/// The phase timings of releases as text: a table for `releases --timings` and one line for
/// `releases:info`.
enum TimingsTable {
    /// A header and one row per release: its version, then one column per phase that any of
    /// them has (in deploy order, `-` where a release lacks it), then its description.
    static func rows(_ releases: [Release], live: Int?) -> [String] {
        let phases = DeployPhase.allCases.filter { phase in releases.contains { $0.timings?[phase] != nil } }
        let header = ["version"] + phases.map(\.rawValue) + ["description"]
        let cells = releases.map { r in
            ["\(r.version == live ? "*" : " ") v\(r.version)"]
                + phases.map { phase in r.timings?[phase].map(PhaseTimings.text) ?? "-" } + [r.description]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        return ([header] + cells).map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column].padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
    }

    /// `lock wait 0 ms, reconcile 12 ms, build 3.2 s, …, total 7.6 s`.
    static func summary(_ timings: PhaseTimings) -> String {
        timings.phases.map { "\($0.phase.title) \(PhaseTimings.text(milliseconds: $0.milliseconds))" }.joined(
            separator: ", ")
    }
}
