Feature: Groups — the vendor page's tables 313 (operations) and 317 (mapping)
  A SCIM Group is a Webex team; its members are the team's memberships (design §3.7, §4.2). The
  connector's own account creates the teams and so is their moderator (WX11); it is never
  listed among the members and never removed.

  @seed
  Scenario: Create Group — POST /Groups answers 201 and creates the Webex team with its members
    Given a SCIM user "alice" exists
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "displayName": "{prefix}red", "members": [{"value": "{alice.id}"}]}
      """
    Then the response status is 201
    And the response header "Content-Type" matches `^application/scim\+json`
    And the response JSON at "displayName" is "{prefix}red"
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the response JSON at "meta.resourceType" is "Group"
    And I remember the response JSON at "id" as "red"
    And the response header "Location" matches `/Groups/{red}$`
    And Webex holds the team "{red}" whose name is "{prefix}red"
    And the Webex team "{red}" has exactly the members "{alice.id}" besides the connector's account
    And the connector's account is a moderator of the Webex team "{red}"

  @seed
  Scenario: Update Group — PUT /Groups/{id} renames the team and replaces its members
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PUT" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "displayName": "{prefix}blue", "members": [{"value": "{bob.id}"}]}
      """
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And the response JSON at "displayName" is "{prefix}blue"
    And the response JSON at "members.#.value" is ["{bob.id}"]
    And Webex holds the team "{red.id}" whose name is "{prefix}blue"
    And the Webex team "{red.id}" has exactly the members "{bob.id}" besides the connector's account

  Scenario: Update Group — PUT without members renames and keeps the members
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "PUT" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{prefix}crimson"}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And Webex holds the team "{red.id}" whose name is "{prefix}crimson"
    And the Webex team "{red.id}" has exactly the members "{alice.id}" besides the connector's account

  @seed
  Scenario: Delete Group — DELETE /Groups/{id} answers 204 and the team is gone
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "DELETE" to SCIM "/Groups/{red.id}"
    Then the response status is 204
    And the response body is empty
    And Webex holds no team "{red.id}"
    And Webex holds a person with email "{alice}"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 404
    And the response is a SCIM error

  @seed
  Scenario: Get Group — GET /Groups/{id} answers the team with its members
    Given a Webex person "alice" exists
    And a Webex team "red" exists
    And "alice" is a member of the Webex team "red"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And the response JSON at "displayName" is "{red.name}"
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the response header "ETag" matches `^W/".+"$`

  @seed
  Scenario: Get Groups — GET /Groups lists the teams, filtered by displayName
    Given a SCIM group "red" exists
    And a SCIM group "blue" exists
    When I send "GET" to SCIM "/Groups" with the filter `displayName eq "{prefix}red"`
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{red.id}"
    When I send "GET" to SCIM "/Groups?count=1000&excludedAttributes=members"
    Then the response status is 200
    And the response JSON at "Resources.#.id" contains "{red.id}"
    And the response JSON at "Resources.#.id" contains "{blue.id}"
    And Webex holds the team "{blue.id}" whose name is "{prefix}blue"

  @seed
  Scenario: Mandatory field — a Group without displayName is refused and nothing is created
    When I send "POST" to SCIM "/Groups" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "members": []}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "displayName"

  # Table 317, one scenario per row.

  @seed
  Scenario: Mapping 317 — id ↔ id
    Given a SCIM group "red" exists
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response JSON at "id" is "{red.id}"
    And Webex holds the team "{red.id}" whose id is "{red.id}"

  @seed
  Scenario: Mapping 317 — displayName ↔ name
    Given a SCIM group "red" exists
    Then Webex holds the team "{red.id}" whose name is "{prefix}red"
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}scarlet"}]}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}scarlet"
    And Webex holds the team "{red.id}" whose name is "{prefix}scarlet"

  @seed
  Scenario: Mapping 317 — members[].value ↔ memberships' personId
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists
    When I send "PATCH" to SCIM "/Groups/{red.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{alice.id}"}]}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{alice.id}"]
    And the Webex team "{red.id}" has exactly the members "{alice.id}" besides the connector's account

  @seed
  Scenario: Mapping 317 — members[].display ← memberships' personDisplayName (read-only)
    Given a SCIM user "alice" exists
    And a SCIM group "red" exists with the members "alice"
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={alice.id}).personDisplayName" as "shown"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "members.#(value=={alice.id}).display" is "{shown}"

  @seed
  Scenario: Mapping 317 — meta.created ← created
    Given a SCIM group "red" exists
    When I send "GET" to Webex "/teams/{red.id}"
    And I remember the response JSON at "created" as "created"
    When I send "GET" to SCIM "/Groups/{red.id}"
    Then the response status is 200
    And the response JSON at "meta.created" is the instant "{created}"
