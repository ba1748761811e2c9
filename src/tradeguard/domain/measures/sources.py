"""The sentences of GAO-17-618 that each catalogue measure answers, quoted verbatim (footnote
numbers left out), so a PTI manager can see which reported figure a measure reproduces."""

from __future__ import annotations

ADCVD_PLAN = (
    "For example, the AD/CVD annual plan for fiscal year 2017 has a number of performance "
    "measures that pertain to enforcement and these include reporting the number of "
    "AD/CVD-related audits, nonaudit services, surveys conducted, and importers removed from a "
    "targeting rule."
)
REMOVED_FROM_RULE = (
    "If CBP officials do not identify trade violations or noncompliant activity, the importer "
    "flagged as part of the rule is removed from the rule, according to CBP."
)
TEXTILES_REPORT = (
    "For example, a textiles report to Congress describes the types and number of enforcement "
    "actions taken, such as the number and value of seizures and penalties and the number of "
    "cargo examinations conducted by fiscal year."
)
CTAC_REPORT = (
    "Also, in its first annual report covering its operations and programs for fiscal year 2015, "
    "CTAC—which covers CBP’s import safety Priority Trade Issue—reported on the number of seizures "
    "by operations that were conducted with U.S. partner government agencies, ineligible products "
    "that were prevented from entering the United States, and the number of enforcement "
    "operations conducted, among other things."
)
IPR_SEIZURES = (
    "For instance, according to CBP, 28,865 shipments were seized based on intellectual property "
    "rights violations in fiscal year 2015."
)
PENALTIES = (
    "In fiscal year 2015, CBP assessed over $237 million in penalties for violations related to "
    "its Priority Trade Issues and collected $3.5 million, according to CBP."
)
FOCUSED_ASSESSMENT = "Focused assessment—comprehensive audits of major importers."
QUICK_RESPONSE = "Quick response audits—targeted compliance audit with narrowly defined objectives."
SURVEYS = (
    "Regulatory Audit officials we met with in Los Angeles and New York told us that the "
    "majority of their assignments are made up of quick response audits and surveys."
)
AUDIT_REVENUE = (
    "For example, Regulatory Audit in headquarters reported that for fiscal year 2015, it "
    "identified, through its audit recommendations, over $109 million of revenue owed by "
    "importers and was able to collect almost $60 million that year."
)
RECORDING = (
    "Some officials from targeting groups that we met with told us that import specialists are "
    "inconsistent about recording the results of the reviews they conduct, which impedes the "
    "targeting groups' ability to assess the effectiveness of their targeting rules."
)
EXAMINATION = "Target high-risk shipments for examination."
RANDOM_SAMPLE = (
    "According to CBP officials at a port we visited, in addition to user-defined rules, CBP uses "
    "random samplings to assess trade compliance."
)
DUTIES = "Demand duties owed."
BONDS = "Demand additional bond coverage and/or duties owed."
EAPA = (
    "CBP also conducts investigations stemming from allegations brought forth by industry and "
    "pertaining to the Enforce and Protect Act of 2015."
)
DENIED_ENTRY = (
    "Seize counterfeit and pirated goods or deny entry of goods covered by exclusion orders."
)
CENTERS = (
    "Each Center is responsible for performing trade functions related to its industry sector, "
    "such as the processing of entry summary and post-entry summary documentation and account "
    "management, regardless of the cargo's port of entry."
)

QUOTES = (
    ADCVD_PLAN, REMOVED_FROM_RULE, TEXTILES_REPORT, CTAC_REPORT, IPR_SEIZURES, PENALTIES,
    FOCUSED_ASSESSMENT, QUICK_RESPONSE, SURVEYS, AUDIT_REVENUE, RECORDING, EXAMINATION,
    RANDOM_SAMPLE, DUTIES, BONDS, EAPA, DENIED_ENTRY, CENTERS,
)  # fmt: skip
