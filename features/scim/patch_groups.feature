@group-kinds
Feature: PATCH on Groups (RFC 7644 §3.5.2, design §3.6, §3.7)
  Member changes run rename → add → remove → read back, planned and checked before the first
  Webex write: a patch that cannot apply changes nothing. Removing a member who is absent
  succeeds; a replace whose filter matches nothing is noTarget. The connector's own account
  stays a moderator whatever the patch says. With Control Hub groups (SCIM_GROUP_KIND=groups,
  design §4.7) the same patches become the fewest PATCH /groups/{id} calls.

  Background:
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM user "carol" exists
    And a SCIM group "red" exists with the members "alice, bob"

  Scenario: add members
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{carol.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#" is 3
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}, {carol.id}" besides the connector's account

  Scenario: Adding a member who is already there changes nothing and succeeds
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{alice.id}"}]}]}
      """
    Then the response status is 200
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account

  Scenario: remove a member by a filtered path
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{alice.id}\"]"}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{bob.id}"]
    And the Webex group "{red.id}" has exactly the members "{bob.id}" besides the connector's account

  Scenario: remove a member by a value list ("Remove", Entra's default format)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Remove", "path": "members", "value": [{"value": "{bob.id}"}]}]}
      """
    Then the response status is 200
    And the Webex group "{red.id}" has exactly the members "{alice.id}" besides the connector's account

  Scenario: Removing a member who is not there succeeds (identity providers expect it)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{carol.id}\"]"}]}
      """
    Then the response status is 200
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account

  Scenario: Removing the same member twice succeeds both times
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{alice.id}\"]"}]}
      """
    Then the response status is 200
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{alice.id}\"]"}]}
      """
    Then the response status is 200
    And the Webex group "{red.id}" has exactly the members "{bob.id}" besides the connector's account

  Scenario: replace members replaces them all
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "members", "value": [{"value": "{carol.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{carol.id}"]
    And the Webex group "{red.id}" has exactly the members "{carol.id}" besides the connector's account
    And the connector keeps its hold on the Webex group "{red.id}"

  Scenario: "Replace" of displayName and an add in one request (Entra's capitalised operations)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Replace", "path": "displayName", "value": "{prefix}crimson"},
                      {"op": "Add", "path": "members", "value": [{"value": "{carol.id}", "$ref": null}]}]}
      """
    Then the response status is 200
    And Webex holds the group "{red.id}" named "{prefix}crimson"
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}, {carol.id}" besides the connector's account

  Scenario: A path-less replace of {id, displayName} renames (Okta)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"id": "{red.id}", "displayName": "{prefix}scarlet"}}]}
      """
    Then the response status is 200
    And Webex holds the group "{red.id}" named "{prefix}scarlet"
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account

  Scenario: A patch is atomic — a member that is not a Webex person and nothing changes
    Given I remember an unknown Webex person id as "ghost"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}renamed"},
                      {"op": "add", "path": "members", "value": [{"value": "{carol.id}"}, {"value": "{ghost}"}]},
                      {"op": "remove", "path": "members[value eq \"{alice.id}\"]"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "{ghost}"
    And Webex holds the group "{red.id}" named "{prefix}red"
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account

  Scenario: A replace whose filter matches no member is 400 noTarget, and nothing changes
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "members[value eq \"{carol.id}\"].display", "value": "Carol"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "noTarget"
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account

  @teams-only
  Scenario: Removing every member keeps the team and the connector's account (WX05 cannot fire)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members"}]}
      """
    Then the response status is 200
    And the response JSON at "members" is absent
    And Webex holds the group "{red.id}" named "{prefix}red"
    And the Webex group "{red.id}" has no members besides the connector's account
    And the connector keeps its hold on the Webex group "{red.id}"

  @teams-only
  Scenario: Naming the connector's own account as a member is accepted and changes nothing
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{admin.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" does not contain "{admin.id}"
    And the connector keeps its hold on the Webex group "{red.id}"

  Scenario: externalId is accepted and not stored (Webex teams have no field for it)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "externalId", "value": "okta-00g1"},
                      {"op": "replace", "path": "displayName", "value": "{prefix}crimson"}]}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}crimson"
    And the response JSON at "externalId" is absent
    And Webex holds the group "{red.id}" named "{prefix}crimson"

  @groups-only
  Scenario: Removing every member keeps the Control Hub group (no last-member rule, WX23)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members"}]}
      """
    Then the response status is 200
    And the response JSON at "members" is absent
    And Webex holds the group "{red.id}" named "{prefix}red"
    And the Webex group "{red.id}" has no members besides the connector's account

  @groups-only
  Scenario: The connector's own account is an ordinary person in a Control Hub group (design §4.7)
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{admin.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" contains "{admin.id}"
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}, {admin.id}" besides the connector's account
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{admin.id}\"]"}]}
      """
    Then the response status is 200
    And the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account
