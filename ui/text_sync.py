"""The words of sync to central records (status bar, Sync now, the Central records
dialog), in British English and Welsh."""

from __future__ import annotations

SYNC_TEXT: dict[str, dict[str, str]] = {
    "central_records": {"en": "Central records…", "cy": "Cofnodion canolog…"},
    "central_title": {"en": "Central records", "cy": "Cofnodion canolog"},
    "sync_now": {"en": "Sync now", "cy": "Cysoni nawr"},
    "sync_waiting": {"en": "{n} waiting to sync", "cy": "{n} yn aros i'w cysoni"},
    "sync_all_sent": {"en": "All sent to central records",
                      "cy": "Y cyfan wedi'i anfon i'r cofnodion canolog"},
    "sync_last": {"en": "last synced {time}", "cy": "cysonwyd ddiwethaf {time}"},
    "sync_never": {"en": "not synced yet", "cy": "heb ei gysoni eto"},
    "sync_held": {"en": "{n} held at central", "cy": "{n} wedi'u dal gan y gwasanaeth canolog"},
    "sync_running": {"en": "Syncing…", "cy": "Wrthi'n cysoni…"},
    "sync_failed": {"en": "Not synced: {reason}. It will try again at {time}.",
                    "cy": "Heb ei gysoni: {reason}. Bydd yn ceisio eto am {time}."},
    "sync_not_enrolled": {"en": "Not enrolled with central records",
                          "cy": "Heb gofrestru gyda'r cofnodion canolog"},
    "enrolment": {"en": "Enrolment", "cy": "Cofrestru"},
    "enrolled_with": {"en": "Enrolled with {url} as the device “{name}” on {date}.",
                      "cy": "Wedi cofrestru gyda {url} fel y ddyfais “{name}” ar {date}."},
    "not_enrolled_help": {"en": "This laptop is not enrolled. An administrator enters "
                                "central's address and the one-time code that central's "
                                "administrator reads out.",
                          "cy": "Nid yw'r gliniadur hwn wedi cofrestru. Mae gweinyddwr yn "
                                "rhoi cyfeiriad y gwasanaeth canolog a'r cod untro y mae "
                                "gweinyddwr y gwasanaeth canolog yn ei ddarllen."},
    "central_url": {"en": "Central's address", "cy": "Cyfeiriad y gwasanaeth canolog"},
    "enrol_code": {"en": "One-time code", "cy": "Cod untro"},
    "tls_fingerprint_field": {"en": "Certificate fingerprint (if asked)",
                              "cy": "Ôl bys y dystysgrif (os gofynnir)"},
    "enrol": {"en": "Enrol", "cy": "Cofrestru"},
    "enrol_again": {"en": "Enrol again", "cy": "Cofrestru eto"},
    "enrolling": {"en": "Enrolling…", "cy": "Wrthi'n cofrestru…"},
    "enrolled_now": {"en": "Enrolled. Compare the fingerprints below with central's.",
                     "cy": "Wedi cofrestru. Cymharwch yr olion bysedd isod â rhai'r "
                           "gwasanaeth canolog."},
    "admins_enrol": {"en": "Only an administrator can enrol this laptop.",
                     "cy": "Dim ond gweinyddwr all gofrestru'r gliniadur hwn."},
    "pinned": {"en": "Pinned at enrolment", "cy": "Wedi'u pinio wrth gofrestru"},
    "signing_key": {"en": "Central's signing key", "cy": "Allwedd lofnodi'r gwasanaeth"},
    "tls_certificate": {"en": "Central's TLS certificate", "cy": "Tystysgrif TLS y gwasanaeth"},
    "bundle_key": {"en": "Central's bundle key", "cy": "Allwedd bwndel y gwasanaeth"},
    "queue": {"en": "Outbox", "cy": "Blwch anfon"},
    "queue_case": {"en": "Case", "cy": "Achos"},
    "queue_version": {"en": "Version", "cy": "Fersiwn"},
    "queue_state": {"en": "State", "cy": "Cyflwr"},
    "queue_detail": {"en": "Receipt or reason", "cy": "Derbynneb neu reswm"},
    "state_queued": {"en": "Waiting", "cy": "Yn aros"},
    "state_received": {"en": "Received", "cy": "Wedi'i dderbyn"},
    "state_conflict": {"en": "Conflict: held for the office",
                       "cy": "Gwrthdaro: wedi'i ddal i'r swyddfa"},
    "state_quarantined": {"en": "Quarantined at central", "cy": "Mewn cwarantin"},
    "state_rejected": {"en": "Rejected by the office", "cy": "Wedi'i wrthod gan y swyddfa"},
    "state_purged": {"en": "Cleared from this laptop", "cy": "Wedi'i glirio o'r gliniadur"},
    "cleared": {"en": "(cleared)", "cy": "(wedi'i glirio)"},
    "close": {"en": "Close", "cy": "Cau"},
}
