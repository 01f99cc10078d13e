Feature: Webex roles and licences
  Read-only catalogues behind SCIM Roles and Profiles (design §4.3, §4.4; official spec: Roles,
  Licenses), and the role and licence ids a person carries (design §4.1).

  @read-only
  Scenario: List the roles
    When I send "GET" to Webex "/roles"
    Then the response status is 200
    And the response JSON at "items.#" is at least 1
    And the response JSON at "items.0.id" is a string
    And the response JSON at "items.0.name" is a string

  Scenario: Read a role
    When I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.0.id" as "roleId"
    And I remember the response JSON at "items.0.name" as "roleName"
    And I send "GET" to Webex "/roles/{roleId}"
    Then the response status is 200
    And the response JSON at "id" is "{roleId}"
    And the response JSON at "name" is "{roleName}"

  Scenario: A role nobody has is 404
    Given I remember an unknown Webex role id as "ghost"
    When I send "GET" to Webex "/roles/{ghost}"
    Then the response status is 404
    And the response is a Webex error

  @read-only
  Scenario: List the licences with their counts
    When I send "GET" to Webex "/licenses"
    Then the response status is 200
    And the response JSON at "items.#" is at least 1
    And the response JSON at "items.0.id" is a string
    And the response JSON at "items.0.name" is a string
    And the response JSON at "items.0.totalUnits" is a number
    And the response JSON at "items.0.consumedUnits" is a number

  Scenario: Read a licence
    When I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.0.id" as "licenseId"
    And I remember the response JSON at "items.0.name" as "licenseName"
    And I send "GET" to Webex "/licenses/{licenseId}"
    Then the response status is 200
    And the response JSON at "id" is "{licenseId}"
    And the response JSON at "name" is "{licenseName}"
    And the response JSON at "totalUnits" is a number

  Scenario: A licence nobody has is 404
    Given I remember an unknown Webex licence id as "ghost"
    When I send "GET" to Webex "/licenses/{ghost}"
    Then the response status is 404
    And the response is a Webex error

  Scenario: A person is given a licence and it is kept
    Given I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.0.id" as "licenseId"
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}lena@example.com"], "displayName": "{prefix}Lena", "licenses": ["{licenseId}"]}
      """
    Then the response status is 200
    And the response JSON at "licenses" contains "{licenseId}"
    And I remember the response JSON at "id" as "lenaId"
    When I send "GET" to Webex "/people/{lenaId}"
    Then the response JSON at "licenses" contains "{licenseId}"

  Scenario: A person is given a role and it is kept
    Given I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.0.id" as "roleId"
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}rhea@example.com"], "displayName": "{prefix}Rhea", "roles": ["{roleId}"]}
      """
    Then the response status is 200
    And the response JSON at "roles" contains "{roleId}"
