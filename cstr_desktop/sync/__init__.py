"""Sync to central records (issue 12, docs/sync-protocol.md): the laptop's half.

This sub-package owns everything between an approved version in the local store and
its signed receipt from central: the enrolment with central (the device key, the pinned
signing key and TLS certificate), the outbox (queued in the transaction that approves a
version), the record sent (``cstr-record/1``, built from the store with the trust
functions of :mod:`cstr_desktop.trust.signatures`), sending with signed requests and checking each
receipt against the pinned key, bundles for a laptop with no network, and the purge of
identifiable data after a valid receipt and a grace period, leaving a stub.

It never imports Qt, the UI or the reports: a caller that has the report renderer passes
it in (:class:`cstr_desktop.sync.record.Renderer`).
"""
