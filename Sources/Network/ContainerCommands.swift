import ClientKit
import NodeAgents

extension Network {
    /// The network tools an image ships: curl in nginx and curlimages/curl, busybox's wget and
    /// nslookup in busybox and alpine, and so on, as `kubectl exec` finds them.
    static func tools(of image: String) -> Set<String> {
        let repository = ImageCatalogue.normalize(image).repository
        switch repository.split(separator: "/").last ?? "" {
        case "busybox", "alpine": return ["wget", "nslookup"]
        case "curl": return ["curl", "wget", "nslookup"]
        case "nginx", "httpd", "agnhost": return ["curl"]
        default: return []
        }
    }

    /// Runs a command inside a Pod's container, as `kubectl exec` does: the network tools,
    /// `cat /etc/resolv.conf`, `hostname`, and a shell's `sh -c "..."` around them.
    /// Returns nil when the image has no such executable.
    public func exec(_ command: [String], in pod: Pod, container: Container) -> ToolRun? {
        var words = command
        if ["sh", "/bin/sh", "bash", "/bin/bash"].contains(words.first ?? ""), words.count >= 3, words[1] == "-c" {
            words = words[2].split(separator: " ").map { String($0).trimmingCharacters(in: .init(charactersIn: "\"'")) }
        }
        guard let program = words.first else { return ToolRun() }
        let arguments = Array(words.dropFirst())
        if Network.tools(of: container.image ?? "").contains(program) { return tool(program, arguments, from: .pod(pod)) }
        switch program {
        case "cat" where arguments == ["/etc/resolv.conf"]: return ToolRun(output: Network.resolvConf(for: pod))
        case "cat" where arguments == ["/etc/hostname"], "hostname": return ToolRun(output: (pod.spec.hostname ?? pod.name) + "\n")
        case "echo": return ToolRun(output: arguments.joined(separator: " ") + "\n")
        case "true": return ToolRun()
        case "sh", "/bin/sh", "bash", "/bin/bash", "ls", "cat", "env", "ps", "date", "sleep": return ToolRun()
        default: return nil
        }
    }
}
