"""The command line (``cstr-desktop``): an outer layer over the core and the reports.
It parses the arguments, runs each command against the core (forms, store, trust) and
the report renderer, and maps every error the core raises to its exit code in one
place. The core never imports it."""
