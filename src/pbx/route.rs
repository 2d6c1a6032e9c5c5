//! Where a call came from and where it went, read from channel names, dialplan contexts and
//! applications as the CDR and CEL write them. Shared by `from_cdr` and `from_cel`.
//!
//! A call starts inside the PBX when its first channel is a phone (`PJSIP/201-0000001a`, a channel
//! named by a short number) or a Local channel, or when its context is an internal one
//! (`from-internal`, `internal`); a context that names the public network (`from-trunk`, `from-pstn`,
//! `from-did-direct`, `public`, `incoming`, ...) always means it came from outside. A call that
//! enters a queue is offered whoever places it; one from inside that reaches a trunk or an external
//! number is outbound; any other call from inside is internal traffic (IVR, voicemail, echo test,
//! conference, another extension).

use super::{InternalTarget, extension_of};

/// Contexts a call from the public network arrives in.
const INBOUND_CONTEXTS: &[&str] = &[
    "from-trunk",
    "from-pstn",
    "from-did",
    "from-external",
    "ext-did",
    "pstn",
    "public",
    "incoming",
    "inbound",
];

/// True when a call whose first channel is `channel`, in `context`, was placed inside the PBX.
pub(super) fn starts_inside(channel: &str, context: &str) -> bool {
    let context = context.to_ascii_lowercase();
    if INBOUND_CONTEXTS.iter().any(|c| context.contains(c)) {
        return false;
    }
    context.starts_with("from-internal")
        || context == "internal"
        || channel.to_ascii_lowercase().starts_with("local/")
        || extension_of(channel).is_some()
}

/// A channel to the outside: a device channel that is no extension and no Local channel
/// (`PJSIP/trunk-00000012`, `SIP/sipus1-0000001`, `Motif/...`).
pub(super) fn is_trunk(channel: &str) -> bool {
    let channel = channel.trim();
    channel.contains('/')
        && !channel.to_ascii_lowercase().starts_with("local/")
        && extension_of(channel).is_none()
}

/// An external number: seven digits or more (an extension or a feature code is shorter).
pub(super) fn is_external_number(number: &str) -> bool {
    let digits = number.trim_start_matches('+');
    digits.len() >= 7 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The queue in `Queue` application data: `600,tr,,,300` -> 600.
pub(super) fn queue_of(appdata: &str) -> Option<String> {
    let queue = appdata.split([',', '|']).next()?.trim();
    (!queue.is_empty()).then(|| queue.to_string())
}

/// The extensions a `Dial` rang: `PJSIP/201&PJSIP/202,20,tT` -> 201, 202.
pub(super) fn dial_targets(appdata: &str) -> Vec<String> {
    appdata
        .split([',', '|'])
        .next()
        .unwrap_or("")
        .split('&')
        .filter_map(extension_of)
        .collect()
}

/// What an internal call reached, from its last application, the number dialled, its context and
/// the channel it was bridged to.
pub(super) fn internal_target(
    app: &str,
    dst: &str,
    context: &str,
    dstchannel: &str,
) -> InternalTarget {
    let app = app.to_ascii_lowercase();
    let context = context.to_ascii_lowercase();
    if app.starts_with("voicemail") || dst.starts_with("*97") || dst.starts_with("*98") {
        InternalTarget::Voicemail
    } else if app == "echo" || dst == "*43" {
        InternalTarget::EchoTest
    } else if matches!(app.as_str(), "confbridge" | "meetme") || context.contains("conference") {
        InternalTarget::Conference
    } else if context.starts_with("ivr")
        || matches!(app.as_str(), "background" | "read" | "waitexten")
    {
        InternalTarget::Ivr
    } else if extension_of(dstchannel).is_some() {
        InternalTarget::Extension
    } else {
        InternalTarget::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_calls_start_and_go() {
        assert!(starts_inside("PJSIP/201-0000001a", "from-internal"));
        assert!(starts_inside("SIP/1500-00000000", "local"));
        assert!(starts_inside(
            "Local/55451592361@LocalSets-0001;2",
            "LocalSets"
        ));
        assert!(starts_inside("PJSIP/client1-00000002", "from-internal"));
        assert!(!starts_inside("PJSIP/trunk-000003f2", "ext-queues"));
        assert!(!starts_inside("PJSIP/trunk-000003f2", "from-did-direct"));
        // A provider's trunk named by a number is still outside when its context says so.
        assert!(!starts_inside("SIP/211474-00000000", "stadion-pstn"));
        assert!(is_trunk("PJSIP/trunk-00000476"));
        assert!(is_trunk("Motif/55417952301@voice.google.com-753b"));
        assert!(!is_trunk("PJSIP/241-000004a7"));
        assert!(!is_trunk("Local/201@from-queue-00000001;1"));
        assert!(!is_trunk(""));
        assert!(is_external_number("987123456") && !is_external_number("*43"));
        assert_eq!(queue_of("600,tr,,,300,,,,,").as_deref(), Some("600"));
        assert_eq!(dial_targets("PJSIP/201&SIP/202,20,tT"), ["201", "202"]);
    }

    #[test]
    fn internal_targets() {
        let t = |app: &str, dst: &str, ctx: &str, dstchannel: &str| {
            internal_target(app, dst, ctx, dstchannel).as_str()
        };
        assert_eq!(t("VoiceMailMain", "*97", "app-vmmain", ""), "voicemail");
        assert_eq!(t("VoiceMail", "vmu201", "ext-local", ""), "voicemail");
        assert_eq!(t("Echo", "*43", "app-echo-test", ""), "echo_test");
        assert_eq!(t("ConfBridge", "8000", "from-internal", ""), "conference");
        assert_eq!(t("BackGround", "s", "ivr-3", ""), "ivr");
        assert_eq!(
            t("Dial", "241", "from-internal", "PJSIP/241-000004a7"),
            "extension"
        );
        assert_eq!(t("Hangup", "999", "from-internal", ""), "other");
    }
}
