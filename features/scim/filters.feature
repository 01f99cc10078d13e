Feature: Filters (RFC 7644 §3.4.2.2, design §3.3)
  Attribute names and operators are case-insensitive, userName values compare without regard
  to case. What Webex answers exactly is pushed down (userName eq, emails eq, id eq,
  displayName sw); everything else is evaluated by the connector, with the same results. Every
  filter here is and-ed with the scenario's prefix, so only the scenario's users can match.

  Background:
    Given a SCIM user "alice" exists with:
      """
      {"name": {"givenName": "Alice", "familyName": "Archer"}, "displayName": "{prefix}Alice Archer", "timezone": "Europe/Paris", "active": true}
      """
    And a SCIM user "bob" exists with:
      """
      {"name": {"givenName": "Bob", "familyName": "Baker"}, "displayName": "{prefix}Bob Baker", "active": false}
      """
    And a SCIM user "carol" exists with:
      """
      {"name": {"givenName": "Carol", "familyName": "Archer"}, "displayName": "{prefix}Carol Archer", "active": true}
      """

  Scenario Outline: <filter> matches <count> of the scenario's users
    When I send "GET" to SCIM "/Users" with the filter `(<filter>) and userName sw "{prefix}"`
    Then the response status is 200
    And eventually the response JSON at "totalResults" is <count>
    And the response JSON at "Resources.#.userName" is <userNames>

    Examples: pushed down to Webex
      | filter                                      | count | userNames   |
      | userName eq "{alice}"                       | 1     | ["{alice}"] |
      | userName eq "{alice\|upper}"                | 1     | ["{alice}"] |
      | USERNAME EQ "{alice}"                       | 1     | ["{alice}"] |
      | emails.value eq "{bob}"                     | 1     | ["{bob}"]   |
      | emails[value eq "{bob}"]                    | 1     | ["{bob}"]   |
      | id eq "{carol.id}"                          | 1     | ["{carol}"] |
      | displayName sw "{prefix}Ali"                | 1     | ["{alice}"] |

    # name.givenName is caseExact false in RFC 7643 §4.1.1: "bob" matches "Bob".
    Examples: evaluated by the connector
      | filter                                      | count | userNames                       |
      | displayName co "Archer"                     | 2     | ["{alice}", "{carol}"]          |
      | displayName ew "Baker"                      | 1     | ["{bob}"]                       |
      | name.familyName eq "Archer"                 | 2     | ["{alice}", "{carol}"]          |
      | name.givenName eq "bob"                     | 1     | ["{bob}"]                       |
      | name.givenName eq "Dave"                    | 0     | []                              |
      | active eq false                             | 1     | ["{bob}"]                       |
      | active eq true and name.givenName eq "Carol" | 1    | ["{carol}"]                     |
      | name.givenName eq "Alice" or name.givenName eq "Bob" | 2 | ["{alice}", "{bob}"]       |
      | not (active eq true)                        | 1     | ["{bob}"]                       |
      | timezone pr                                 | 1     | ["{alice}"]                     |
      | userName ne "{alice}"                       | 2     | ["{bob}", "{carol}"]            |
      | meta.created gt "2000-01-01T00:00:00Z"      | 3     | ["{alice}", "{bob}", "{carol}"] |
      | meta.lastModified lt "2000-01-01T00:00:00Z" | 0     | []                              |

  Scenario: A pushed-down filter still matches exactly: Webex's displayName search is a prefix search
    When I send "GET" to SCIM "/Users" with the filter `displayName eq "{prefix}Alice"`
    Then the response status is 200
    And the response JSON at "totalResults" is 0

  @group-kinds
  Scenario: Filtering Groups by displayName and by member
    Given a SCIM group "red" exists with the members "alice"
    And a SCIM group "blue" exists with the members "bob"
    When I send "GET" to SCIM "/Groups" with the filter `displayName eq "{prefix}red"`
    Then the response status is 200
    And the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{red.id}"
    When I send "GET" to SCIM "/Groups" with the filter `members[value eq "{bob.id}"]`
    Then the response status is 200
    And the response JSON at "Resources.#.id" is ["{blue.id}"]
    When I send "GET" to SCIM "/Groups?excludedAttributes=members" with the filter `id eq "{red.id}" and members[value eq "{alice.id}"]`
    Then the response status is 200
    And the response JSON at "totalResults" is 1
