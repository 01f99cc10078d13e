Feature: Profiles — the vendor page's table 315 (Get Profile, Get Profiles)
  A SCIM Profile is a Webex licence: id ← id, displayName ← name, and read-only totalUnits,
  consumedUnits, consumedByUsers, consumedByWorkspaces, subscriptionId, siteUrl, siteType
  (design §4.4). The schema is the connector's own, urn:scim:schemas:extension:webex:2.0:Profile.

  @seed @read-only
  Scenario: Get Profiles — GET /Profiles lists every Webex licence
    Given I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.#" as "count"
    And I remember the response JSON at "items.0.id" as "licenceId"
    And I remember the response JSON at "items.0.name" as "licenceName"
    When I send "GET" to SCIM "/Profiles"
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "totalResults" is {count}
    And the response JSON at "Resources.#(id=={licenceId}).displayName" is "{licenceName}"
    And the response JSON at "Resources.0.schemas" is ["urn:scim:schemas:extension:webex:2.0:Profile"]

  @seed @read-only
  Scenario: Get Profile — GET /Profiles/{id} answers the Webex licence with its counts
    Given I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.0.id" as "licenceId"
    And I send "GET" to Webex "/licenses/{licenceId}"
    And I remember the response JSON at "name" as "licenceName"
    And I remember the response JSON at "totalUnits" as "total"
    And I remember the response JSON at "consumedUnits" as "consumed"
    When I send "GET" to SCIM "/Profiles/{licenceId}"
    Then the response status is 200
    And the response JSON at "id" is "{licenceId}"
    And the response JSON at "displayName" is "{licenceName}"
    And the response JSON at "totalUnits" is {total}
    And the response JSON at "consumedUnits" is {consumed}
    And the response JSON at "meta.resourceType" is "Profile"

  Scenario: Get Profile — a licence given to a user through SCIM shows in Webex's count
    Given I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.0.id" as "licenceId"
    And I send "GET" to Webex "/licenses/{licenceId}"
    And I remember the response JSON at "consumedUnits" as "before"
    And a SCIM user "joy" exists with:
      """
      {"entitlements": [{"value": "{licenceId}"}]}
      """
    When I send "GET" to Webex "/licenses/{licenceId}"
    And I remember the response JSON at "consumedUnits" as "after"
    When I send "GET" to SCIM "/Profiles/{licenceId}"
    Then the response status is 200
    And the response JSON at "consumedUnits" is {after}
    And Webex holds the person "{joy.id}" whose licenses contains "{licenceId}"

  @read-only
  Scenario: Get Profile — an unknown licence is 404
    Given I remember an unknown Webex licence id as "ghost"
    When I send "GET" to SCIM "/Profiles/{ghost}"
    Then the response status is 404
    And the response is a SCIM error

  Scenario: Profiles are read-only
    Given I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.0.id" as "licenceId"
    When I send "PUT" to SCIM "/Profiles/{licenceId}" with body:
      """
      {"displayName": "{prefix}renamed"}
      """
    Then the response status is 405
    And the response is a SCIM error
