// Package report turns the cucumber JSON of feature runs into the conformance page
// (reports/conformance.html, design §6): one table row per row of the vendor page (operations,
// mandatory fields, mapping tables 316 and 317, connector limitations, configuration) and one per
// quirk of mockwebex.Catalogue(), each with pass / fail / not run per target (the fake, real
// Webex, another connector: one cucumber run or several per target), the failing step's message
// and Webex's tracking id where the message carries one.
//
// Which scenarios make up a row: a quirk's row holds every scenario tagged with its ID (@WX05);
// a vendor-page row names its scenarios by the conventions of features/README.md (@seed
// scenarios named after the operation, "Create User — …"; "Mapping 316 — <attribute> …"; a
// limitation is the connector's scenarios, under scim/ or e2e/, tagged with the quirk behind it).
// A test checks every vendor-page row against the feature files, so a renamed scenario cannot
// leave its row silently empty.
//
// A cell is
//   - fail when any of the row's scenarios failed in that target;
//   - pass when none failed and at least one passed (the cell says how many did not run);
//   - not run when none of them ran: skipped for the target (a @mock-only scenario against real
//     Webex, a SCIM scenario without a connector), left out by -godog.tags, or absent from the
//     target's run altogether.
//
// godog counts a scenario its Before hook skipped as passed; in the cucumber JSON all its steps
// are "skipped", which is how this package tells it did not run.
package report
