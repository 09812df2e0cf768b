"""schemathesis hooks for labnet's API runs (Tests/LabNetCommandsTests/OpenAPITests.swift).

The hook keeps a run from ending its own session. Known server bugs are
fixed, not hooked around.
"""

import os

import schemathesis

# Set by OpenAPITests: the login whose session the run sends.
LOGIN = os.environ.get("LABNET_SCHEMATHESIS_LOGIN")


@schemathesis.hook("map_case").apply_to(
    method="POST", path="/api/v1/accounts/{login}/password"
)
def keep_own_session(context, case):
    # Setting a password ends that account's sessions: not the run's own, so
    # its login becomes one no account has (schemathesis finds it in listings
    # often, so leaving such cases out would leave out too many).
    if LOGIN is not None and (case.path_parameters or {}).get("login") == LOGIN:
        case.path_parameters["login"] = LOGIN + "-someone-else"
    return case
