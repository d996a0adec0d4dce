"""The encrypted local store, the only code that touches SQL: the connection and its
migrations, integrity checks and backups (database, guarded, migrations, backups,
faults), the unit of work every change runs in, and one repository per concern:
accounts and their profiles, cases and the court list, assessments and their
lifecycle, review and countersignature, the audit trail. ``session.Store`` puts them
together for one signed-in account."""
