"""The form engine: form, criteria and layout files read and checked into models
(schema, loader, cache), conditions, answers and their checks, the interview's
state, scoring of the instruments, the statutory criteria, and which answers each
reader's copy holds. Pure: no database, no files written, no Qt."""
