//! Evidence grades: the source behind each fact a result read, and the rule's
//! minimum. Weak evidence cannot establish compliance, so a pass resting on a source
//! below the minimum becomes `unknown`; a failure stands whatever its source, since a
//! provider's own word against itself is enough to fail.

use super::verdict::{Evidence, Verdict};
use crate::provenance::{EvidenceIndex, Source, TooWeak, Weakest};

/// Notes on each evidence item the weakest source behind its fact.
pub fn annotate(evidence: &mut [Evidence], index: &EvidenceIndex) {
    for item in evidence {
        item.provenance = index.weakest_behind(&item.path, item.source.as_deref());
    }
}

/// How a pass falls short of the rule's minimum source, if it does; `basis` is the
/// weakest source behind the computed figures the rule reads. A pass that no stated
/// value backs at all (every value it would rest on left out of the file) is graded
/// as the weakest source, `self-declared`: leaving values out never lifts a pass
/// above the rule's minimum.
pub fn too_weak(
    verdict: Verdict,
    evidence: &[Evidence],
    minimum: Option<Source>,
    basis: impl FnOnce() -> Option<Weakest>,
) -> Option<TooWeak> {
    let minimum = minimum?;
    if verdict != Verdict::Pass {
        return None;
    }
    let weakest = weakest(evidence, basis()).unwrap_or_else(|| Weakest {
        source: Source::SelfDeclared,
        provenance: None,
        stated_at: None,
        value: String::new(),
    });
    (weakest.source < minimum).then(|| TooWeak {
        source: weakest.source,
        stated: weakest.provenance.is_some(),
        minimum,
        value: weakest.value,
    })
}

/// The weakest source among annotated evidence and the basis of the figures read.
pub fn weakest(evidence: &[Evidence], basis: Option<Weakest>) -> Option<Weakest> {
    evidence
        .iter()
        .filter_map(|e| e.provenance.clone())
        .chain(basis)
        .min_by_key(|w| (w.source, w.provenance.is_some()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::Tri;
    use crate::lang::Text;

    fn evidence(path: &str, source: &str) -> Evidence {
        Evidence {
            path: path.into(),
            source: Some(source.into()),
            actual: Some("x".into()),
            expected: Text::new("x", "x"),
            sentence: Text::new("x", "x"),
            outcome: Tri::Pass,
            note: None,
            provenance: None,
        }
    }

    fn index() -> EvidenceIndex {
        EvidenceIndex::new(&json!({
            "entities": {"acme": {"country": "FR", "shareholders": [{"entity": "b", "capital": 40}]}},
            "offer": {"contract": {"governing_law": "FR"}},
            "evidence": {
                "entities.acme.country": {"source": "registry-extract", "reference": "Kbis"},
                "offer.contract": {"source": "contract", "reference": "CS-2026"}
            }
        }))
    }

    #[test]
    fn a_pass_on_weaker_evidence_than_required_is_flagged() {
        let mut items = vec![
            evidence("provider.country", "entities.acme.country"),
            evidence(
                "ownership.holders[0].capital",
                "entities.acme.shareholders[0]",
            ),
        ];
        annotate(&mut items, &index());
        let message = too_weak(Verdict::Pass, &items, Some(Source::RegistryExtract), || {
            None
        })
        .unwrap()
        .headline();
        assert_eq!(
            message.en,
            "Evidence too weak: self-declared (no source stated), needs registry-extract \
             (for entities.acme.shareholders[0].capital)."
        );
        assert!(message.fr.starts_with("Preuve insuffisante"));
    }

    #[test]
    fn a_pass_that_no_stated_value_backs_is_self_declared() {
        let mut items = vec![evidence("provider.country", "entities.other.country")];
        annotate(&mut items, &index());
        assert_eq!(items[0].provenance, None, "no such value in the file");
        let weak = too_weak(Verdict::Pass, &items, Some(Source::Contract), || None)
            .expect("graded as self-declared");
        assert_eq!(weak.source, Source::SelfDeclared);
        assert!(!weak.stated);
        assert_eq!(
            weak.headline().en,
            "Evidence too weak: self-declared (no source stated), needs contract, \
             and no value the file states backs the pass."
        );
        assert!(too_weak(Verdict::Pass, &[], Some(Source::SelfDeclared), || None).is_none());
        assert!(too_weak(Verdict::Fail, &[], Some(Source::Contract), || None).is_none());
    }

    #[test]
    fn strong_enough_evidence_and_failures_stand() {
        let mut items = vec![evidence("provider.country", "entities.acme.country")];
        annotate(&mut items, &index());
        assert_eq!(
            too_weak(Verdict::Pass, &items, Some(Source::RegistryExtract), || {
                None
            }),
            None
        );
        assert_eq!(too_weak(Verdict::Pass, &items, None, || None), None);
        let mut contract = vec![evidence(
            "offer.contract.governing_law",
            "offer.contract.governing_law",
        )];
        annotate(&mut contract, &index());
        assert!(too_weak(Verdict::Pass, &contract, Some(Source::AuditReport), || None).is_some());
        assert_eq!(
            too_weak(Verdict::Fail, &contract, Some(Source::AuditReport), || None),
            None
        );
    }
}
