import Foundation

/// The author's side of the protocol: read the request, hand it to your code, write the reply.
///
/// ```swift
/// import PaasPluginKit
/// Plugin.run { request in
///     Plugin.log("deployed \(request.app ?? "?")")
///     return .continue
/// }
/// ```
public enum Plugin {
    /// Reads the request, calls `handler`, writes its reply and exits.
    ///
    /// For a trigger the reply goes to stdout as JSON and the exit status is 0. For a command
    /// (stdout belongs to the user) `.continue` exits 0 and `.stop(message)` prints the message
    /// to stderr and exits 1. An error thrown by `handler` is printed to stderr and exits 1.
    public static func run(_ handler: (PluginRequest) throws -> PluginReply) -> Never {
        do {
            let environment = ProcessInfo.processInfo.environment
            let isCommand = environment[PluginProtocol.Environment.command] != nil
            let input = isCommand ? [] : [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            // Started ahead by the core, which then needed no request after all.
            if environment[PluginProtocol.Environment.prestarted] == "1", input.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
                exit(0)
            }
            let request = try Plugin.request(
                stdin: input, environment: environment, arguments: Array(CommandLine.arguments.dropFirst()))
            let reply = try handler(request)
            if request.kind == .command {
                if reply.action == .stop { log(reply.message ?? "stopped") }
                exit(reply.action == .stop ? 1 : 0)
            }
            FileHandle.standardOutput.write(Data(try encode(reply)))
            exit(0)
        } catch {
            log("\(error)")
            exit(1)
        }
    }

    /// Writes `text` and a newline to stderr, which the core streams to the user.
    public static func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The request of this run: the JSON on stdin if any, else `PAAS_REQUEST`, else one made
    /// from the `PAAS_*` variables and `arguments` (whose first element is the trigger or
    /// command name, as the core passes it).
    public static func request(stdin: [UInt8], environment: [String: String], arguments: [String]) throws
        -> PluginRequest
    {
        let text = String(decoding: stdin, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { return try decode(Array(text.utf8)) }
        if let json = environment[PluginProtocol.Environment.request], !json.isEmpty {
            return try decode(Array(json.utf8))
        }
        typealias E = PluginProtocol.Environment
        let isCommand = environment[E.command] != nil
        guard let name = environment[isCommand ? E.command : E.trigger] else {
            throw PluginKitError.noRequest
        }
        return PluginRequest(
            protocol: environment[E.protocol].flatMap(Int.init) ?? PluginProtocol.version,
            kind: isCommand ? .command : .trigger, name: name, app: environment[E.app],
            args: isCommand ? Array(arguments.dropFirst()) : [],
            paasVersion: environment[E.paasVersion] ?? "")
    }

    /// A request from its JSON text.
    public static func decode(_ json: [UInt8]) throws -> PluginRequest {
        do {
            return try JSONDecoder().decode(PluginRequest.self, from: Data(json))
        } catch {
            throw PluginKitError.badRequest("\(error)")
        }
    }

    /// The JSON text of `reply`, keys sorted, ending with a newline.
    public static func encode(_ reply: PluginReply) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(reply)) + [0x0A]
    }
}

/// Why a plugin could not read its request.
public enum PluginKitError: Error, CustomStringConvertible {
    /// Neither stdin nor the environment held a request.
    case noRequest
    /// The request was not valid JSON of the expected shape.
    case badRequest(String)

    public var description: String {
        switch self {
        case .noRequest:
            return "no request: expected JSON on stdin or PAAS_TRIGGER/PAAS_COMMAND in the environment (run me from paas)"
        case .badRequest(let why): return "cannot read the request from paas: \(why)"
        }
    }
}
