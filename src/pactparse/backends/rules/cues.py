"""The offline backend's lexicon: cue patterns, compiled once.

Each pattern is a general English cue for one decision (a stage of the pact, an
adversary, a purpose, a kind of commitment), not a phrase from any one summary.
"""

from __future__ import annotations

import re

from ...schema import ProvisionCategory as C
from ...schema import Status
from .scan import CueSet

__all__ = [
    "ACCESSION",
    "ADVERSARY",
    "AMENDMENT",
    "COMMITMENT",
    "EXPLICIT_AIM",
    "GOAL",
    "INCLUDE",
    "LOCATION_PREPOSITIONS",
    "NEGATION",
    "PACT_NOUN",
    "PROVISIONS",
    "PROVISION_CUES",
    "REASON",
    "STAGES",
    "STAGE_CUES",
    "THREAT_CONTEXT",
    "TITLE_WORDS",
    "WARN_AGAINST",
]

_I = re.IGNORECASE

PACT_NOUN = re.compile(
    r"\b(?:pacts?|treat(?:y|ies)|agreements?|accords?|alliances?|partnerships?|deals?|charters?"
    r"|declarations?|memorand(?:um|a)|protocols?|compacts?|frameworks?|commitments?"
    r"|arrangements?|understandings?|conventions?|cease-?fires?|truces?)\b",
    _I,
)

#: Stage cues, most specific first; the earliest match in the lead sentence decides.
STAGES: tuple[tuple[re.Pattern[str], Status], ...] = (
    (
        re.compile(
            r"\b(?:(?:is|are|was|were)\s+(?:set|due|expected|scheduled|poised|going|slated|ready)\s+to"
            r"|(?<!\ba\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)plan(?:s|ned)?\s+to|planning"
            r"|will\s+(?:sign|conclude|seal|ink|finalize|finalise)|will\s+be\s+(?:\w+ly\s+)?signed"
            r"|agreed\s+to\s+(?:sign|conclude|finalize|finalise|seal|update|upgrade|renew|expand)"
            r"|intends?\s+to|aims?\s+to\s+(?:sign|conclude|finalize|finalise)"
            r"|to\s+be\s+(?:\w+ly\s+)?signed|initial(?:l)?ed|decided\s+to\s+(?:sign|conclude|join))\b",
            _I,
        ),
        Status.PLANNED,
    ),
    (
        re.compile(
            r"\b(?:negotiat\w*|(?:held|hold|holding|began|begin|opened|resumed)\s+"
            r"(?:(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}round\s+of\s+)?(?:[\w-]+\s+)?talks"
            r"|talks\s+(?:on|over|about|were|are|with)|in\s+talks|working\s+on"
            r"|discuss(?:ed|es|ing)?|drafts?|drafting|under\s+way|underway)\b",
            _I,
        ),
        Status.NEGOTIATING,
    ),
    (
        re.compile(
            r"\b(?:consider(?:s|ed|ing)?|potential(?:ly)?|possib(?:le|ility|ly)|propos(?:e|ed|es|al|ing)"
            r"|float(?:s|ed|ing)?|door\s+is\s+open|reports?\s+of|reportedly|invit(?:e|es|ed|ation)"
            r"|mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?|explor(?:e|es|ed|ing)|(?:put|puts|placed)\s+on\s+hold"
            r"|warn(?:s|ed|ing)?|could|might|may|would|plan\s+to)\b",  # a plan to: a noun
            _I,
        ),
        Status.PROPOSED,
    ),
    (
        re.compile(
            r"\b(?:signed|signs|inked|sealed|concluded|ratified|launched|adopted|established|created"
            r"|forged|clinched|unveiled|brokered"
            r"|(?:ending|ended|ends|terminat(?:ed|es|ing)|scrapp(?:ed|ing)|suspend(?:ed|s|ing)|tore\s+up)"
            r"\s+(?:its|the|their|a|an)\s+(?:[\w-]+\s+){0,3}(?:pact|treaty|agreement|accord|alliance)"
            r"|formed|approved|became|joined|finalized|finalised|struck|entered\s+into\s+force"
            r"|agreed(?!\s+to\b)|agreed\s+to\s+(?:an?|the)\b|renewed|extended|upgraded|expanded"
            r"|sign(?=\s+(?:a|an|the)\b))\b",
            _I,
        ),
        Status.SIGNED,
    ),
)

#: "warned X against forming an alliance": X are the prospective parties.
WARN_AGAINST = re.compile(
    r"\bwarn(?:s|ed|ing)?\b(?P<objects>.{1,160}?)\bagainst\s+(?:forming|creating|joining|signing"
    r"|building|establishing|setting\s+up)\b",
    _I,
)

ACCESSION = re.compile(
    r"\b(?:join(?:s|ed|ing)?|accede[sd]?\s+to|accession\s+to|admi(?:t|ts|tted|tting)"
    r"|(?:became|becom(?:e|es|ing))\s+(?:the\s+|a\s+)?(?:[\w'’]+\s+){0,3}members?(?:\s+(?:of|in))?"
    r"|membership\s+(?:of|in)|sign(?:s|ed|ing)?\s+up\s+to)\b",
    _I,
)
INCLUDE = re.compile(r"\b(?:to\s+include|to\s+admit|enlarg\w*\s+to|expand\w*\s+to\s+include)\b", _I)

AMENDMENT = re.compile(
    r"\b(?:(?:update|upgrade|revision|renewal|expansion|extension|overhaul|modernization)\s+"
    r"(?:to|of)\s+(?:the|their|its)\s+(?:[\w-]+\s+){0,3}?(?:pact|treaty|agreement|alliance|accord)"
    r"|(?:expand|updat|upgrad|revis|renew|extend|amend|elevat)(?:ed|ing)\s+(?:the\s+|their\s+|an?\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,6}?(?:pact|treaty|agreement|alliance|accord|framework|partnership|relations|ties"
    r"|compacts?|declaration|guidelines)\b"
    r"|succeed(?:s|ed|ing)?\s+(?:a|an|the|one)\s+(?:signed|previous|earlier)"
    r"|replac(?:ed|es|ing)\s+(?:the|a|an|their)\s+(?:previous|earlier|existing|old|current|expiring)"
    r"|replac(?:ed|es|ing)\s+(?:one|that|those)\s+(?:the|they|it|signed|adopted|agreed|concluded)\b"
    r"|replac(?:ed|es|ing)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:pact|treaty|agreement|accord|deal)\s+"
    r"(?:that|which)\s+(?:expires|expired|lapses|lapsed|runs\s+out|ran\s+out))",
    _I,
)

#: Words that may stand between the members of an actor list ("Japanese Prime Minister
#: Fumio Kishida and British Prime Minister Rishi Sunak").
TITLE_WORDS = (
    r"and|or|as well as|the|both|its|their|his|her|leader|leaders|president|prime|minister"
    r"|foreign|defen[cs]e|secretary|state|chancellor|king|queen|crown|prince|emir|sultan"
    r"|counterpart|counterparts|national|security|adviser|advisor|officials?|government"
    r"|governments|military|juntas?|cabinet|top|diplomat|envoy|premier|vice|deputy"
)

LOCATION_PREPOSITIONS = frozenset(
    "in at near around across outside inside within throughout from into via".split()
)

NEGATION = re.compile(
    r"\b(?:not|no|never|without|nor|neither|rather\s+than|instead\s+of|stops?\s+short\s+of"
    r"|stopped\s+short\s+of|unlike|lacks?|rul(?:e|es|ed|ing)\s+out)\b",
    _I,
)

#: "in response to X", "in the face of X": X is what the pact answers; shared by the
#: adversary, threat-context and reason cues below.
_RESPONDS_TO = (
    r"in\s+the\s+face\s+of|in\s+response\s+to|response\s+to|respond(?:s|ed|ing)?\s+to"
    r"|prompted\s+by"
)

#: Cues after which the text names what the pact is aimed at.
ADVERSARY = re.compile(
    r"\b(?:counter(?:s|ed|ing)?|counterbalanc\w*|deter(?:s|red|ring)?|deterrence\s+against"
    r"|target(?:s|ed|ing)?|aimed\s+at|directed\s+(?:at|against)|(?<!war\s)(?<!invasion\s)"
    r"(?<!aggression\s)(?<!attacks\s)(?<!attack\s)(?<!offensive\s)(?<!strikes\s)(?<!campaign\s)"
    rf"against|{_RESPONDS_TO}|threats?\s+(?:from|posed\s+by)|resist(?:s|ed|ing)?"
    r"|limit(?:s|ed|ing)?|contain(?:s|ed|ing)?|curb(?:s|ed|ing)?|struggling\s+with"
    r"|combat(?:s|ed|ing)?|fight(?:s|ing)?|rivals?|withstand(?:s|ing)?|eradicat\w*|eliminat\w*"
    r"|(?<!the\s)defeat(?:s|ed|ing)?|root\s+out|crack(?:s|ed|ing)?\s+down\s+on|tackl\w*|battl\w*"
    r"|confront\w*|(?:protect|defend|shield|safeguard)\w*\s+(?:[\w'’-]+\s+){0,4}?from"
    r"|push(?:es|ed|ing)?\s+back|fend(?:s|ed|ing)?\s+off|repel\w*|thwart\w*|stop(?:s|ped|ping)?)\b",
    _I,
)

#: Purpose triggers: the goal verb that follows says why the parties make the pact.
GOAL = re.compile(
    r"\b(?P<verb>counter(?:ing)?|counterbalanc(?:e|ing)|deter(?:ring)?|strengthen(?:ing)?"
    r"|bolster(?:ing)?|enhanc(?:e|ing)|achiev(?:e|ing)|address(?:ing)?|limit(?:ing)?|resist(?:ing)?"
    r"|withstand(?:ing)?|uphold(?:ing)?|moderni[sz](?:e|ing)|protect(?:ing)?|help(?:ing)?"
    r"|support(?:ing)?|rally(?:ing)?|lock(?:ing)?\s+in|diversify(?:ing)?|reduc(?:e|ing)"
    r"|combat(?:ing)?|contribut(?:e|ing)|becom(?:e|ing)|build(?:ing)?|(?P<weak2>develop(?:ing)?)"
    r"|(?P<weak>establish(?:ing)?|provid(?:e|ing)|guarantee(?:ing)?)|secur(?:e|ing)|safeguard(?:ing)?|boost(?:ing)?"
    r"|curb(?:ing)?|contain(?:ing)?|offset(?:ting)?|promot(?:e|ing)|preserv(?:e|ing)"
    r"|ensur(?:e|ing)|improv(?:e|ing)|defend(?:ing)?|stabili[sz](?:e|ing)|unif(?:y|ying)"
    r"|prevent(?:ing)?|end(?:ing)?|reinforc(?:e|ing)|serve\s+as|restor(?:e|ing)"
    r"|avert(?:ing)?|bring(?:ing)?\s+(?:[\w-]+\s+){0,2}(?:peace|stability|security))\b",
    _I,
)
#: What may stand before a goal verb for it to state a purpose.
PURPOSE_TRIGGER = re.compile(
    r"(?:\b(?:to|would|aims?|aimed|aiming|aim\s+of|meant|intended|designed|effort|efforts"
    r"|push|bid|way|order|seeks?|sought|vital|need|needed|goal|purpose|help|helps|helped"
    r"|as\s+part\s+of|with\s+the\s+aim\s+of|aimed\s+at)\s+"
    r"(?:(?:also|further|to|jointly|ultimately|eventually|better|significantly|greatly|in|order"
    r"|not|both)\s+){0,3})$",
    _I,
)
#: Triggers that state an explicit aim: only after these do "establish", "provide"
#: and "develop" state a reason rather than a commitment.
EXPLICIT_AIM = re.compile(
    r"\b(?:aims?|aimed|aiming|aim\s+of|goal|purpose|intended|designed|meant|as\s+part\s+of)\b", _I
)
#: "pledged to defend…", "committing them to assist…": a commitment, not a reason.
COMMITMENT = re.compile(
    r"(?:\b(?:pledg(?:e|es|ed|ing)|commit(?:s|ted|ting)?|agree[sd]?|promis(?:e|es|ed|ing)"
    r"|vow(?:s|ed)?|undert(?:ake|akes|ook)|allow(?:s|ed|ing)?|oblig(?:e|es|ed|ing))"
    r"(?:\s+[\w'’-]+){0,4}\s+to\s+|\bwill\s+(?:\w+\s+){0,2})$",
    _I,
)
#: Text after these, in the same clause, describes the threat, not a commitment.
THREAT_CONTEXT = re.compile(
    rf"\b(?:{_RESPONDS_TO}|threats?\s+(?:such\s+as|from|posed\s+by)|amid)\b",
    _I,
)
#: "ability to counter…" states a capability, not a reason.
CAPABILITY = re.compile(r"\b(?:ability|capability|capacity|able|means)\s+to\s+$", _I)

#: Reason phrases that carry their own cue and complement.
REASON = re.compile(
    rf"\b(?:{_RESPONDS_TO}|targeting|aimed\s+at|step\s+toward(?:s)?"
    r"|(?<![.]\s)(?<!^)as\s+part\s+of(?!\s+(?:the|its|their|this|these)\b)"
    r"(?!\s+(?:an?)\s+(?:[\w.]+\s+){0,2}(?:effort|push|bid|drive|attempt|plan|strategy)\b)"
    r"|(?:marking|marks)\s+a\s+shift\s+toward(?:s)?)\b",
    _I,
)

#: Provision cues: (category, pattern, may it be negated?). A cue whose pattern itself
#: carries a negation ("not to provide any assistance to an aggressor") is never
#: dropped for being negated.
PROVISIONS: tuple[tuple[C, re.Pattern[str], bool], ...] = (
    (
        C.NEUTRALITY,
        re.compile(
            r"\bnot\s+(?:to\s+)?(?:provide|give|offer|lend)\s+(?:any\s+)?(?:assistance|help|aid|support)"
            r"\s+to\s+(?:an?|the|any)\s+aggressor|\b(?:remain|stay|staying|remaining|be)\s+neutral\b"
            r"|\bneutrality\s+(?:clause|pledge|provision|commitment|obligation)",
            _I,
        ),
        False,
    ),
    (
        C.NON_AGGRESSION,
        re.compile(
            r"\bnon-?aggression\b|\bnot\s+(?:to\s+)?(?:attack|target|use\s+force\s+against)\s+each\s+other\b"
            r"|\brefrain\w*\s+from\s+(?:hostilities|attacks|aggression|the\s+use\s+of\s+force)"
            r"|\bhalt\w*\s+(?:its\s+|their\s+)?(?:air\s+)?(?:strikes|attacks|hostilities)\b"
            r"|\brenounc\w*\s+(?:the\s+)?(?:use\s+of\s+)?force\b|\bcease-?fire\b|\btruce\b"
            r"|\bneither\s+side\s+(?:will|would|shall|is\s+to)\s+(?:attack|target|strike)\b",
            _I,
        ),
        False,
    ),
    (
        C.OTHER,
        re.compile(
            r"\b(?:will|would|to)\s+not\s+(?:develop|acquire|pursue|build)\s+(?:its\s+own\s+)?nuclear",
            _I,
        ),
        False,
    ),
    (
        C.MUTUAL_DEFENSE,
        re.compile(
            r"\b(?:collective\s+defen[cs]e|mutual\s+(?:defen[cs]e|assistance|security\s+pact)"
            r"|attack\s+on\s+(?:one|either|any)|aggression\s+against\s+(?:one|either|any|both)"
            r"|(?:come|came|coming)\s+to\s+each\s+other'?s\s+aid|(?:assist|defend|aid|help)\s+each\s+other"
            r"|(?:military\s+)?assistance\s+.{0,40}\bif\s+(?:either|one|any)\b"
            r"|if\s+(?:either|one|any)\s+(?:\w+\s+){0,4}(?:is\s+|are\s+)?(?:attacked"
            r"|under\s+(?:armed\s+)?(?:attack|aggression)))",
            _I,
        ),
        True,
    ),
    (
        C.SECURITY_GUARANTEE,
        re.compile(
            r"\b(?:security\s+guarantee|nuclear\s+umbrella|extended\s+deterrence"
            r"|(?:pledg|commit)\w*\s+(?:[\w-]+\s+){0,2}to\s+(?:help\s+)?defend\s+(?!each\s+other)"
            r"|guarantee\w*\s+(?:its|the)\s+security"
            r"|protect\s+(?:the\s+country'?s|its)\s+territorial)",
            _I,
        ),
        True,
    ),
    (
        C.MILITARY_INTEGRATION,
        re.compile(
            r"\b(?:integrat\w*\s+(?:\w+\s+){0,3}(?:forces|militar\w*|command|armies)"
            r"|serve\s+in\s+each\s+other'?s\s+(?:militar\w*|armed\s+forces|armies)"
            r"|merg\w*\s+(?:[\w'’-]+\s+){0,4}(?:forces|militar\w*|armies|units)"
            r"|joint\s+(?:rapid[- ](?:reaction|response)|standby|intervention)\s+"
            r"(?:force|unit|brigade)|(?:joint|combined|standing|common)\s+(?:[\w-]+\s+){0,2}force\b"
            r"|link\w*\s+(?:[\w'’-]+\s+){0,4}(?:radar|air[- ]defen[cs]e|command)\s+"
            r"(?:networks?|systems?)"
            r"|interoperab\w*|joint\s+command|unified\s+command)",
            _I,
        ),
        True,
    ),
    (
        C.JOINT_PROCUREMENT,
        re.compile(
            r"\b(?:joint[- ](?:purchas\w*|procurement|production|development)"
            r"|defen[cs]e[- ]industr\w*"
            r"|(?:defen[cs]e\s+)?loan\s+(?:pool|programme|program|fund|facility)"
            r"|co-?produc\w*|co-?develop\w*"
            r"|jointly\s+(?:develop|produce|build|manufacture|buy|procure)\w*"
            r"|joint\s+(?:[\w-]+\s+){0,2}(?:development|procurement|production)\s+(?:projects?|programm?es?)"
            r"|pool\w*\s+(?:[\w'’-]+\s+){0,3}(?:orders|purchases|procurement)"
            r"|(?:produced|built|manufactured|assembled)\s+under\s+licen[cs]e|joint\s+work\s+on"
            r"|joint\s+research|coordinat\w*\s+(?:the\s+)?(?:construction|production|shipbuilding))",
            _I,
        ),
        True,
    ),
    (
        C.TECHNOLOGY_SHARING,
        re.compile(
            r"\b(?:(?:shar|transfer)\w*\s+(?:of\s+)?(?:[\w-]+\s+){0,3}technolog\w*"
            r"|technology\s+(?:sharing|transfers?))",
            _I,
        ),
        True,
    ),
    (
        C.INTELLIGENCE_SHARING,
        re.compile(
            r"\b(?:intelligence|information[- ]sharing"
            r"|shar\w*\s+(?:[\w-]+\s+){0,3}(?:data|information))",
            _I,
        ),
        True,
    ),
    (
        C.BASING_ACCESS,
        re.compile(
            r"\b(?:access\s+to\s+(?:[\w-]+\s+){0,4}(?:bases?|facilit(?:y|ies)|ports?|airfields?|air\s+bases?)"
            r"|(?:foreign|overseas|permanent)\s+(?:military\s+|naval\s+|air\s+)?bases?\b"
            r"|host\w*\s+(?:up\s+to\s+)?[\d,]+\s+(?:[\w-]+\s+)?(?:troops|personnel|soldiers)"
            r"|(?:operate|deploy\w*|rotate|station\w*|based)\s+(?:from|to|on|in|through)\s+"
            r"(?:[\w'-]+\s+){0,4}(?:bases|territory|territories|ports|facilities)"
            r"|(?:troops|forces|personnel)\s+to\s+deploy|deploy\w*\s+(?:its|their|troops|forces)"
            r"|(?:troops|forces|soldiers|personnel)\s+(?:[\w-]+\s+){0,2}(?:stationed|based)\s+(?:in|at|on)\b"
            r"|military\s+access\b"
            r"|(?:permanently\s+)?station\w*\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}"
            r"(?:brigade|troops|forces|battalion|division)"
            r"|pre-?position\w*|military\s+sites|stopovers?|port\s+(?:calls|visits)"
            r"|visits?\s+to\s+(?:[\w-]+\s+){0,3}ports|send\s+(?:[\w,]+\s+){0,5}(?:military\s+)?personnel"
            r"|rotate\s+through|visiting\s+forces"
            r"|(?:troops|forces|soldiers|personnel|aircraft|warships)\s+(?:[\w-]+\s+){0,4}(?:to\s+)?"
            r"(?:enter|deploy|operate|rotate|be\s+stationed)\w*"
            r"|(?:deploy\w*|send\w*|station\w*|dispatch\w*)\s+(?:[\w,-]+\s+){0,4}(?:soldiers|troops|police"
            r"|officers|forces|personnel|brigade|aircraft|warships))",
            _I,
        ),
        True,
    ),
    (
        C.CONSULTATION,
        re.compile(r"\bconsult(?:s|ed|ing|ation|ations|ative)?\b", _I),
        True,
    ),
    (
        C.COUNTERTERRORISM,
        re.compile(
            r"\b(?:counter-?terror\w*|terror\w*|counter-?insurgen\w*"
            r"|(?:counter|combat|fight)\w*\s+(?:[\w-]+\s+){0,2}(?:militants|insurgents|jihadists|extremists)"
            r"|operations\s+against\s+(?:[\w'’-]+\s+){0,3}(?:militants|insurgents|jihadists|extremists"
            r"|terrorists|militias?|rebels|the\s+group)"
            r"|(?:pursu|hunt)\w*\s+(?:down\s+)?(?:[\w'’-]+\s+){0,3}(?:insurgents|militants|rebels|terrorists"
            r"|jihadists))",
            _I,
        ),
        True,
    ),
    (
        C.MILITARY_AID,
        re.compile(
            r"\b(?:military\s+(?:aid|support|assistance\s+package)|(?:defen[cs]e|security)\s+aid\b"
            r"|in\s+aid\b|aid\s+(?:package|agreement)|military\s+financing"
            r"|(?:suppl\w*|provid\w*|deliver\w*|send\w*|giv\w*|carry\w*|transfer\w*|donat\w*)"
            r"\s+[^.;]{0,80}?\b(?:weapons|arms|ammunition|munitions|missiles|rockets|launchers|bombs"
            r"|equipment|drones|tanks|artillery|air\s+defen[cs]e\s+systems|patrol\s+boats?|helicopters)"
            r"|weapons\s+(?:and|or)\s+ammunition|financial\s+and\s+military\s+support|cost-sharing"
            r"|fund\w*\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:patrol\s+boats?|vessels?|warships?|aircraft"
            r"|equipment|weapons))",
            _I,
        ),
        True,
    ),
    (
        C.MILITARY_COOPERATION,
        re.compile(
            r"\b(?:(?:military|defen[cs]e|security)\s+(?:cooperation|ties|collaboration)"
            r"|maritime\s+security|mutual\s+support|(?:joint\s+|military\s+|trilateral\s+)?"
            r"(?:military\s+)?(?:exercises|drills)|joint\s+training|training\s+(?:for|of|and)\b"
            r"|train(?:ing)?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:forces|troops|personnel|navy|army|military)"
            r"|capacity\s+building|new\s+domains|space\s+and\s+cyber\w*|cyber\s*defen[cs]e"
            r"|missile\s+defen[cs]e|air\s+defen[cs]e|hybrid\s+threats|ballistic\s+missile\s+threats"
            r"|collaborate\s+on\s+military|defen[cs]e\s+mission|moderni[sz]e\s+(?:[\w'-]+\s+){0,2}"
            r"(?:defen[cs]e|armed|military)\s+forces?|cooperation\s+on\s+(?:[\w-]+\s+){0,2}"
            r"(?:security|defen[cs]e)"
            r"|(?:military|defen[cs]e|security)(?:,\s*\w+)*,?\s+and\s+[\w-]+\s+cooperation"
            r"|(?:coordination|cooperation)\s+between\s+(?:the\s+)?(?:two\s+|their\s+)?(?:militaries"
            r"|armed\s+forces|armies|navies)|cooperation\s+(?:in|on)\s+(?:[\w-]+\s+){0,2}(?:space|cyber\w*)"
            r"|train\w*\s+(?:[\w-]+\s+){0,4}(?:volunteers|soldiers|officers|pilots|recruits|units)"
            r"|capacity\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:army|navy|forces|military)"
            r"|(?:joint|coordinated)\s+(?:[\w-]+\s+){0,2}patrols|jointly\s+(?:guard|patrol)"
            r"|coordinat\w*\s+(?:[\w'’-]+\s+){0,4}(?:military|deterrents?|patrols|operations"
            r"|security\s+forces|defen[cs]e\s+polic\w*)"
            r"|(?:troops|forces|soldiers)\s+(?:to\s+)?train\b"
            r"|escort\w*\s+(?:[\w-]+\s+){0,2}(?:vessels|ships|convoys|shipping)"
            r"|military\s+mobility|working\s+groups?\s+on\s+defen[cs]e|search[- ]and[- ]rescue)",
            _I,
        ),
        True,
    ),
    (
        C.MIGRATION_MOBILITY,
        re.compile(
            r"\b(?:migrat\w*|citizenship|visas?|residency|residence\s+rights|mobility)\b", _I
        ),
        True,
    ),
    (
        C.THIRD_PARTY_RESTRICTIONS,
        re.compile(
            r"\b(?:vet(?:s|ted|ting)?\b|veto\w*|(?:obtain|seek|get)\s+\w+'?s?\s+(?:agreement|approval|consent)"
            r"\s+before|restrict\w*\s+(?:[\w-]+\s+){0,4}(?:from|with)\s+(?:other|third)"
            r"|(?:with|from)\s+(?:any\s+)?(?:other|third)\s+(?:countr\w+|nations?|states?|partners?|part(?:y|ies)))",
            _I,
        ),
        True,
    ),
    (
        C.CLIMATE_RESILIENCE,
        re.compile(
            r"\b(?:climate|land\s+reclamation|disaster\s+(?:response|resilience|relief|risk)"
            r"|sea[- ]level|natural\s+disasters?)",
            _I,
        ),
        True,
    ),
    (
        C.ECONOMIC_COOPERATION,
        re.compile(
            r"\b(?:economic(?!\s+zones?\b)|trade|energy|infrastructure|budget\s+support|banking"
            r"|investment|transport\s+(?:links?|corridors?)|development\s+assistance|joint\s+ventures?"
            r"|(?:air|road|rail)\s+(?:and\s+(?:air|road|rail)\s+)?links)\b",
            _I,
        ),
        True,
    ),
    (
        C.DIPLOMATIC_NORMALIZATION,
        re.compile(
            r"\b(?:normali[sz]\w*|(?:establish|re-?establish|restor|resum)\w*\s+(?:full\s+)?diplomatic"
            r"\s+(?:relations|ties)|reopen\w*\s+(?:their\s+)?embassies)",
            _I,
        ),
        True,
    ),
    (
        C.OTHER,
        re.compile(
            r"\b(?:police\s+cooperation|policing\s+cooperation|humanitarian\s+(?:assistance|aid)"
            r"|arms[- ]control"
            r"|(?:buy|purchase|acquire)\s+(?:[\w-]+\s+){0,3}(?:frigates|submarines|jets|aircraft|tanks"
            r"|warships|fighters))",
            _I,
        ),
        True,
    ),
)


STAGE_CUES = CueSet([pattern for pattern, _ in STAGES])
PROVISION_CUES = CueSet([pattern for _, pattern, _ in PROVISIONS])
