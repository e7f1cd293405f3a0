# ptwalk --format=json to GitLab's Code Quality report (a JSON array of
# issues; docs.gitlab.com, "Code Quality", "Implement a custom tool"):
#   ptwalk --format=json mm arch/*/mm | jq -f gitlab-codequality.jq > gl-code-quality-report.json
# ptwalk's fingerprint has no line number; the file is added because
# GitLab's must be unique over the whole report.
[ .findings[] | {
    description: .message,
    check_name: ("ptwalk-" + .rule),
    fingerprint: (.file + ":" + .fingerprint),
    severity: (if .severity == "error" then "critical" else "major" end),
    location: { path: .file, lines: { begin: .line } }
  } ]
