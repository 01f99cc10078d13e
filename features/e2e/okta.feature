@okta @group-kinds
Feature: Okta's requests, replayed in order, and what Webex holds after each
  The request shapes Okta documents (fixtures/scim/okta/, sources in fixtures/scim/README.md):
  a lookup before each create, PUT of the whole user (App Integration Wizard integrations),
  path-less PATCH for activation, Group Push with name re-sends and membership changes. Okta
  never deletes users: the scenario's cleanup does.

  Scenario: A user's life: look up, create, read, replace, deactivate and reactivate
    When I replay "okta/01-get-user-by-filter.json"
    Then the response status is 200
    And the response JSON at "totalResults" is 0

    When I replay "okta/02-create-user.json"
    Then the response status is 201
    And Webex holds a person with email "{userName}" with:
      | id           | "{userId}"   |
      | firstName    | "Test"       |
      | lastName     | "User"       |
      | displayName  | "Test User"  |
      | loginEnabled | true         |

    When I replay "okta/01-get-user-by-filter.json"
    Then the response status is 200
    And the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{userId}"

    When I replay "okta/03-get-user.json"
    Then the response status is 200
    And the response JSON at "id" is "{userId}"
    And the response JSON at "userName" is "{userName}"

    # The PUT carries no displayName, which Webex's person PUT requires (WX08): the connector
    # derives it from the name, as Webex does on create.
    When I replay "okta/04-update-user-put.json"
    Then the response status is 200
    And Webex holds the person "{userId}" with:
      | firstName    | "Another"      |
      | lastName     | "User"         |
      | displayName  | "Another User" |
      | emails       | ["{userName}"] |
      | loginEnabled | true           |

    When I replay "okta/05-deactivate-user-patch.json"
    Then the response status is 200
    And the response JSON at "active" is false
    And Webex holds the person "{userId}" whose loginEnabled is false

    When I replay "okta/06-reactivate-user-patch.json"
    Then the response status is 200
    And the response JSON at "active" is true
    And Webex holds the person "{userId}" whose loginEnabled is true

    When I replay "okta/07-deactivate-user-put.json"
    Then the response status is 200
    And Webex holds the person "{userId}" with:
      | loginEnabled | false          |
      | firstName    | "Another"      |
      | displayName  | "Another User" |

  Scenario: Group Push: create, re-send the name, read, rename, and change the members every documented way
    Given I replay "okta/02-create-user.json"
    And the response status is 201
    And I replay "okta/02-create-user.json" as the second user
    And the response status is 201

    When I replay "okta/08-create-group.json"
    Then the response status is 201
    And Webex holds the group "{groupId}" named "{prefix}Test SCIMv2"
    And the Webex group "{groupId}" has no members besides the connector's account

    # Okta re-sends the unchanged name with every membership update: nothing changes.
    When I replay "okta/11-group-name-resend-patch.json"
    Then the response status is 200
    And Webex holds the group "{groupId}" named "{prefix}Test SCIMv2"
    And the Webex group "{groupId}" has no members besides the connector's account

    When I replay "okta/09-get-group.json"
    Then the response status is 200
    And the response JSON at "id" is "{groupId}"
    And the response JSON at "displayName" is "{prefix}Test SCIMv2"

    When I replay "okta/10-rename-group-patch.json"
    Then the response status is 200
    And Webex holds the group "{groupId}" named "{prefix}Test SCIMv20"

    When I replay "okta/12-group-add-members.json"
    Then the response status is 200
    And the Webex group "{groupId}" has exactly the members "{userId}" besides the connector's account

    When I replay "okta/13-group-remove-members.json"
    Then the response status is 200
    And the Webex group "{groupId}" has no members besides the connector's account
    And Webex holds the group "{groupId}"

    When I replay "okta/15-group-replace-members-patch.json"
    Then the response status is 200
    And the Webex group "{groupId}" has exactly the members "{userId}, {userId2}" besides the connector's account

    When I replay "okta/13-group-remove-members.json"
    Then the response status is 200
    And the Webex group "{groupId}" has exactly the members "{userId2}" besides the connector's account
    When I replay "okta/14-group-update-members-patch.json"
    Then the response status is 200
    And the Webex group "{groupId}" has exactly the members "{userId}" besides the connector's account

    When I replay "okta/16-update-group-put.json"
    Then the response status is 200
    And Webex holds the group "{groupId}" named "{prefix}Test SCIMv2"
    And the Webex group "{groupId}" has exactly the members "{userId}" besides the connector's account
    And the connector keeps its hold on the Webex group "{groupId}"

    When I replay "okta/17-delete-group.json"
    Then the response status is 204
    And Webex holds no group "{groupId}"
    And Webex holds the person "{userId}" whose id is "{userId}"
    And Webex holds the person "{userId2}" whose id is "{userId2}"
