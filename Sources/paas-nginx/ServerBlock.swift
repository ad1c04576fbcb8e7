import PaasPluginKit

/// Renders an app's nginx configuration: an upstream block, a server block for its domains,
/// and one HTTPS server block per certificate (nginx picks it by SNI through `server_name`).
enum ServerBlock {
    /// The configuration that proxies `request`'s domains to its upstreams, or answers 503 when
    /// there are none.
    static func proxy(_ request: ProxyUpdate, settings: NginxSettings) -> String {
        let app = request.app
        var text = header(app)
        if !request.upstreams.isEmpty {
            text += "upstream paas-\(app) {\n"
            for u in request.upstreams {
                let host = u.host.contains(":") && !u.host.hasPrefix("[") ? "[\(u.host)]" : u.host
                text += "    server \(host):\(u.port);  # \(u.process).\(u.number)\n"
            }
            text += "    keepalive 16;\n}\n"
        }
        let tls = tlsBlocks(request, settings: settings)
        text += serverOpening(request, listen: settings.listen)
        if request.redirectHTTPS && !tls.isEmpty {
            text += "    location / { return 301 https://$host$request_uri; }\n}\n"
        } else {
            text += location(request) + "}\n"
        }
        for (cert, names) in tls {
            text += """
                server {
                    listen \(settings.listenTLS ?? "443") ssl;
                    server_name \(names.joined(separator: " "));
                    client_max_body_size 100m;
                    ssl_certificate \(cert.certFile);
                    ssl_certificate_key \(cert.keyFile);

                """ + location(request) + "}\n"
        }
        return text
    }

    /// The configuration that answers every request for `request`'s domains with 503 and `page`.
    static func maintenance(_ request: ProxyUpdate, settings: NginxSettings, page: String) -> String {
        header(request.app) + "# In maintenance: $PAAS_ROOT/plugins/data/maintenance/\(request.app) exists.\n"
            + serverOpening(request, listen: settings.listen)
            + "    location / {\n"
            + "        default_type text/plain;\n"
            + "        add_header Retry-After 120 always;\n"
            + "        return 503 \(quoted(page.hasSuffix("\n") ? page : page + "\n"));\n"
            + "    }\n}\n"
    }

    /// Each certificate with the app's domains it covers (none covered: its own names).
    private static func tlsBlocks(_ request: ProxyUpdate, settings: NginxSettings) -> [(ProxyCertificate, [String])] {
        guard settings.listenTLS != nil else { return [] }
        return request.certificates.map { cert in
            let covered = cert.covered(request.domains)
            return (cert, covered.isEmpty ? cert.domains : covered)
        }
    }

    private static func location(_ request: ProxyUpdate) -> String {
        if request.upstreams.isEmpty {
            return "    location / { default_type text/plain; return 503 \(quoted("\(request.app) has no web process running\n")); }\n"
        }
        return """
                location / {
                    proxy_pass http://paas-\(request.app);
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Real-IP $remote_addr;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_next_upstream error timeout http_502;
                }

            """
    }

    private static func header(_ app: String) -> String {
        "# Written by paas's nginx plugin for \(app); changes are overwritten on the next deploy.\n"
    }

    private static func serverOpening(_ request: ProxyUpdate, listen: String) -> String {
        let names = request.domains.isEmpty ? request.app : request.domains.joined(separator: " ")
        return """
            server {
                listen \(listen);
                server_name \(names);
                client_max_body_size 100m;

            """
    }

    /// `text` as an nginx double-quoted string. nginx has no escape for `$` (it starts a variable
    /// in `return`), so a `$` is shown as the full-width `＄`; newline and tab are written as
    /// `\n` and `\t`, other control characters are dropped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\u{FF04}"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
