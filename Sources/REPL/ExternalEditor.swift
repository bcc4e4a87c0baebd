import Foundation
import Kubectl

/// The editor `kubectl edit` runs, chosen as kubectl chooses it: `$KUBE_EDITOR`, else
/// `$EDITOR`, else `vi` at a terminal. It runs through `sh -c`, so a command with arguments
/// works too: `KUBE_EDITOR="sed -i s/1.7.9/1.9.1/" kubectl edit deploy mydeploy` in a script.
struct ExternalEditor: Editor {
    let command: String
    /// At a terminal the editor takes it over; a script's editor gets no input.
    let interactive: Bool

    static func chosen(from environment: [String: String], interactive: Bool) -> ExternalEditor? {
        let named = [environment["KUBE_EDITOR"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let command = named ?? (interactive ? "vi" : nil) else { return nil }
        return ExternalEditor(command: command, interactive: interactive)
    }

    /// Runs `sh -c 'COMMAND "$1"' kubectl-edit PATH` in this process group, so that an editor
    /// at the terminal owns it until it exits (Foundation's Process would start a new session).
    func edit(_ path: String) throws(EditorFailure) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !interactive { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        let arguments = ["/bin/sh", "-c", "\(command) \"$1\"", "kubectl-edit", path]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ) == 0 else {
            throw EditorFailure("unable to launch the editor \"\(command)\"")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        switch (exited, code) {
        case (true, 0): return
        case (true, 126), (true, 127): throw EditorFailure("unable to launch the editor \"\(command)\"")
        default: throw EditorFailure("there was a problem with the editor \"\(command)\"")
        }
    }
}
