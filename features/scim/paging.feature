Feature: Paging — index (RFC 7644 §3.4.2.4) and cursor (RFC 9865), design §3.4
  A sync engine walks every user page by page; whichever method it uses, it must see every
  user exactly once. totalResults is the number of matches, not the page size.

  Background:
    Given 23 SCIM users exist

  Scenario: Index paging with count 7 lists every user exactly once in 4 pages
    When I page through all SCIM users with count 7 using startIndex, filtered by my prefix
    Then every user I created is listed exactly once
    And the walk took 4 pages

  Scenario: Cursor paging with count 7 lists every user exactly once
    When I page through all SCIM users with count 7 using cursor, filtered by my prefix
    Then every user I created is listed exactly once

  Scenario: Index paging with count 1 lists every user exactly once
    When I page through all SCIM users with count 1 using startIndex, filtered by my prefix
    Then every user I created is listed exactly once
    And the walk took 23 pages

  Scenario: Cursor paging with a count larger than the matches lists them all on one page
    When I page through all SCIM users with count 100 using cursor, filtered by my prefix
    Then every user I created is listed exactly once
    And the walk took 1 page

  Scenario: totalResults counts the matches, itemsPerPage the page
    When I send "GET" to SCIM "/Users?startIndex=8&count=7" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "totalResults" is 23
    And the response JSON at "itemsPerPage" is 7
    And the response JSON at "startIndex" is 8
    And the response JSON at "Resources.#" is 7

  Scenario: A startIndex past the end answers an empty page with the total
    When I send "GET" to SCIM "/Users?startIndex=100&count=7" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "totalResults" is 23
    And the response JSON at "Resources.#" is 0

  Scenario: A startIndex below 1 is taken as 1 (RFC 7644 §3.4.2.4)
    When I send "GET" to SCIM "/Users?startIndex=0&count=5" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "startIndex" is 1
    And the response JSON at "Resources.#" is 5

  Scenario: count=0 answers the total and no resources (RFC 7644 §3.4.2.4)
    When I send "GET" to SCIM "/Users?count=0" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "totalResults" is 23
    And the response JSON at "Resources.#" is 0

  Scenario: Without paging parameters, the default page size applies (index paging is the default)
    When I send "GET" to SCIM "/Users" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "totalResults" is 23
    And the response JSON at "startIndex" is 1
    And the response JSON at "Resources.#" is 23

  Scenario: A cursor page carries nextCursor until the last page (RFC 9865 §2)
    When I send "GET" to SCIM "/Users?count=20&cursor=" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "Resources.#" is 20
    And the response JSON at "nextCursor" is a string
    And I remember the response JSON at "nextCursor" as "next"
    When I send "GET" to SCIM "/Users?count=20&cursor={next}" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "Resources.#" is 3
    And the response JSON at "nextCursor" is absent

  Scenario: A cursor used with another filter is 400 invalidCursor (RFC 9865 §2: repeat the query)
    When I send "GET" to SCIM "/Users?count=5&cursor=" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And I remember the response JSON at "nextCursor" as "next"
    When I send "GET" to SCIM "/Users?count=5&cursor={next}" with the filter `userName sw "{prefix}user1"`
    Then the response status is 400
    And the SCIM error has scimType "invalidCursor"
