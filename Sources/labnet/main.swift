import LabNetCommands

LabNet.runFromCommandLine()
