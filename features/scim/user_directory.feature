Feature: What Webex holds of a user's directory data is kept (issue 11)
  title, phone numbers (work, mobile, fax), the work address, and the enterprise extension's
  department and manager are Webex person fields (title, phoneNumbers, addresses, department,
  managerId/manager): written on POST, PUT and PATCH, read back the same, and held by Webex.
  What Webex cannot hold (a home number, employeeNumber) is accepted and not stored.

  Background:
    Given a SCIM user "boss" exists with:
      """
      {"name": {"givenName": "Bea", "familyName": "Boss"}, "displayName": "{prefix}Bea Boss"}
      """

  Scenario: An Entra-shaped user is created, read, PATCHed and PUT, and reads back what Webex holds
    When I send "POST" to SCIM "/Users" with body:
      """
      {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "userName": "{prefix}dana.directory@example.com",
        "name": {"givenName": "Dana", "familyName": "Directory"},
        "displayName": "Dana Directory",
        "nickName": "Dana",
        "active": true,
        "title": "Staff Engineer",
        "phoneNumbers": [{"type": "work", "value": "+1 408 555 0101", "primary": true},
                         {"type": "mobile", "value": "+1 408 555 0102"},
                         {"type": "home", "value": "+1 408 555 0103"}],
        "addresses": [{"type": "work", "streetAddress": "1 Main St.", "locality": "San Jose", "region": "CA",
                       "postalCode": "95110", "country": "US"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
          "department": "Platform", "manager": {"value": "{boss.id}"}, "employeeNumber": "E-7"}
      }
      """
    Then the response status is 201
    And I remember the response JSON at "id" as "dana"
    And the response JSON at "title" is "Staff Engineer"
    And the response JSON at "nickName" is "Dana"
    And the response JSON at "phoneNumbers" is [{"type": "work", "value": "+1 408 555 0101", "primary": true}, {"type": "mobile", "value": "+1 408 555 0102"}]
    And the response JSON at "addresses" is [{"type": "work", "streetAddress": "1 Main St.", "locality": "San Jose", "region": "CA", "postalCode": "95110", "country": "US"}]
    And the response JSON at "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User" is {"department": "Platform", "manager": {"value": "{boss.id}", "displayName": "{prefix}Bea Boss"}}
    And Webex holds the person "{dana}" with:
      | title                | "Staff Engineer"    |
      | department           | "Platform"          |
      | managerId            | "{boss.id}"         |
      | manager              | "{prefix}Bea Boss"  |
      | nickName             | "Dana"              |
      | phoneNumbers.#       | 2                   |
      | phoneNumbers.0.value | "+1 408 555 0101"   |
      | phoneNumbers.1.type  | "mobile"            |
      | phoneNumbers.1.value | "+1 408 555 0102"   |
      | addresses.0.locality | "San Jose"          |
      | addresses.0.country  | "US"                |

    When I send "GET" to SCIM "/Users/{dana}"
    Then the response status is 200
    And the response JSON at "title" is "Staff Engineer"
    And the response JSON at "phoneNumbers.#" is 2
    And the response JSON at "addresses.0.streetAddress" is "1 Main St."
    And the response JSON at "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.manager.value" is "{boss.id}"

    When I send "PATCH" to SCIM "/Users/{dana}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "Replace", "path": "title", "value": "Principal Engineer"},
         {"op": "Replace", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 408 555 0199"},
         {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Infrastructure"}]}
      """
    Then the response status is 200
    And the response JSON at "title" is "Principal Engineer"
    And the response JSON at "phoneNumbers.1" is {"type": "mobile", "value": "+1 408 555 0199"}
    And the response JSON at "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department" is "Infrastructure"
    And the response JSON at "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.manager.value" is "{boss.id}"
    And Webex holds the person "{dana}" with:
      | title                | "Principal Engineer" |
      | department           | "Infrastructure"     |
      | managerId            | "{boss.id}"          |
      | phoneNumbers.1.value | "+1 408 555 0199"    |
      | addresses.0.locality | "San Jose"           |

    When I send "PUT" to SCIM "/Users/{dana}" with body:
      """
      {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "userName": "{prefix}dana.directory@example.com",
        "name": {"givenName": "Dana", "familyName": "Directory"},
        "displayName": "Dana Directory",
        "nickName": "Dana",
        "title": "Staff Engineer",
        "phoneNumbers": [{"type": "work", "value": "+1 408 555 0101", "primary": true},
                         {"type": "mobile", "value": "+1 408 555 0102"}],
        "addresses": [{"type": "work", "streetAddress": "1 Main St.", "locality": "San Jose", "region": "CA",
                       "postalCode": "95110", "country": "US"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Platform", "manager": {"value": "{boss.id}"}}
      }
      """
    Then the response status is 200
    And the response JSON at "title" is "Staff Engineer"
    And the response JSON at "phoneNumbers" is [{"type": "work", "value": "+1 408 555 0101", "primary": true}, {"type": "mobile", "value": "+1 408 555 0102"}]
    And the response JSON at "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User" is {"department": "Platform", "manager": {"value": "{boss.id}", "displayName": "{prefix}Bea Boss"}}
    And Webex holds the person "{dana}" with:
      | title                | "Staff Engineer"  |
      | department           | "Platform"        |
      | managerId            | "{boss.id}"       |
      | nickName             | "Dana"            |
      | phoneNumbers.1.value | "+1 408 555 0102" |
      | addresses.0.region   | "CA"              |

  Scenario: A manager that is no user is refused, and nothing is created
    When I send "POST" to SCIM "/Users" with body:
      """
      {"userName": "{prefix}orphan@example.com", "displayName": "Orphan",
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "no-such-user"}}}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "manager.value"
    And Webex holds no person with email "{prefix}orphan@example.com"
