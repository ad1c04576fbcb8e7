/// `ps:scale` arguments: `web=2 worker=0`.
public enum ProcessScale {
    /// Parses `process=quantity` arguments, in order. Whether each process type exists is
    /// for the caller to check.
    public static func parse(_ args: [String]) throws -> [(process: String, quantity: Int)] {
        guard !args.isEmpty else {
            throw AppSpecError("no process=quantity pairs given: expected e.g. web=2 worker=1")
        }
        var result: [(process: String, quantity: Int)] = []
        for arg in args {
            guard let equals = arg.firstIndex(of: "=") else {
                throw AppSpecError("'\(arg)' is not a process=quantity pair: expected e.g. web=2")
            }
            let process = String(arg[..<equals])
            let text = String(arg[arg.index(after: equals)...])
            guard Procfile.isValidName(process) else {
                throw AppSpecError(
                    "invalid process type '\(process)' in '\(arg)': expected letters, digits, '_' or '-', e.g. web=2")
            }
            guard text.utf8.allSatisfy(AppName.isDigit), let quantity = Int(text) else {
                throw AppSpecError("quantity of '\(process)' must be a whole number, 0 or more, got '\(text)'")
            }
            guard !result.contains(where: { $0.process == process }) else {
                throw AppSpecError("process type '\(process)' is given twice")
            }
            result.append((process, quantity))
        }
        return result
    }
}
