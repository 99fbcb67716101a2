"""The bodies of the `cleaner` commands, one module per command, and the policy they share.

`cleaner/cli.py` is the wiring (argument parsing and dispatch); what a command does lives here:
`outcome` (exit codes, the one-line error, turning library errors into exit code 2), `options` (each
file's configuration, the worker policy, the file list, batch running), `check` (the fail-on verdict,
post-fix handling), `clean` (outputs, index pages, engines), `review` (`cleaner report`), `config`,
`rules` (list, test, screen, import), `process` (gc tuning, the fast exit). Every module imports only
the standard library at the top, so declaring a command costs nothing; the library is imported
inside the command when it runs.
"""
