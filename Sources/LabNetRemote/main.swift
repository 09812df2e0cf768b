import LabNetClient
import LabNetCommands

// labnet-remote: the process `labnet --server URL …`, `labnet login` and
// `labnet logout` become (execv), so that only the CLI that talks to a
// server links the HTTP client, and every other command starts small.
LabNet.remote = ClientConnection()
LabNet.runFromCommandLine()
