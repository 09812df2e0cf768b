import LabNetCommands

LabNet.main()
