/// Renders an app's nginx server block.
enum NginxConfig {
    static func serverBlock(app: String, listen: String, domains: [String], upstreams: [Upstream]) -> String {
        let names = domains.isEmpty ? app : domains.joined(separator: " ")
        var text = "# Written by paas for \(app); changes are overwritten on the next deploy.\n"
        if !upstreams.isEmpty {
            text += "upstream paas-\(app) {\n"
            for u in upstreams { text += "    server \(u.host):\(u.port);  # \(u.process).\(u.number)\n" }
            text += "    keepalive 16;\n}\n"
        }
        text += """
            server {
                listen \(listen);
                server_name \(names);
                client_max_body_size 100m;

            """
        if upstreams.isEmpty {
            text += "    location / { default_type text/plain; return 503 \"\(app) has no web process running\\n\"; }\n"
        } else {
            text += """
                    location / {
                        proxy_pass http://paas-\(app);
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
        text += "}\n"
        return text
    }
}
