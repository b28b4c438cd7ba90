#!/usr/bin/env bash
# mutants.sh: mutation testing (make mutants). gremlins changes one operator at a time in
# internal/gateway, internal/secret and the provider's gate files (not the test kits) and runs
# the package's tests (-short, 8 at a time, TF_ACC unset) against each, 2 at a time, each within
# MUTANTS_TIMEOUT_COEFFICIENT (5) × its package's test time, the whole run within MUTANTS_BUDGET
# (75m; the three packages took 19, 24 and 30+ minutes run two at a time on two cores). It
# fails, printing file:line:col OPERATOR, on a LIVED or NOT COVERED mutant that
# mutants-accepted.txt (or MUTANTS_ACCEPTED) does not list. MUTANTS_PACKAGES runs fewer
# packages; MUTANTS_FLAGS adds gremlins flags (--dry-run lists the mutants).
set -euo pipefail

root=$(git rev-parse --show-toplevel)
cd "$root"
accepted=${MUTANTS_ACCEPTED:-$root/mutants-accepted.txt}
workers=${MUTANTS_WORKERS:-2}
coefficient=${MUTANTS_TIMEOUT_COEFFICIENT:-5}
budget=${MUTANTS_BUDGET:-75m}
packages=${MUTANTS_PACKAGES:-internal/gateway internal/secret internal/provider}
gremlins=${GREMLINS:-gremlins}
# The provider's files that are mutated: the gate and what feeds it.
provider_files="arguments.go balance_data_source.go budget_resource.go provider.go sms_price_data_source.go"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/tmp"
git ls-files -z --cached --others --exclude-standard | grep -zv '^\.tools/' |
  tar --null -T - -cf - 2>/dev/null | tar -C "$work/src" -xf -
export TMPDIR=$work/tmp NO_COLOR=1 GOFLAGS="${GOFLAGS:+$GOFLAGS }-parallel=8 -short"
unset TF_ACC

# exclusions DIR: gremlins' -E rules (regular expressions on paths below DIR) for DIR.
exclusions() {
  case $1 in
    internal/gateway) echo "-E ^gatewaytest/" ;;
    internal/secret) echo "-E ^secrettest/" ;;
    internal/provider)
      local f
      for f in "$1"/*.go; do
        f=$(basename "$f")
        case " $provider_files " in *" $f "*) ;; *) echo "-E ^${f//./\\.}\$" ;; esac
      done
      ;;
  esac
}

seconds() { # 30m, 90s, 1h → seconds
  local v=$1
  case $v in *h) echo $((${v%h} * 3600)) ;; *m) echo $((${v%m} * 60)) ;; *s) echo "${v%s}" ;; *) echo "$v" ;; esac
}
start=$(date +%s)
deadline=$((start + $(seconds "$budget")))

for dir in $packages; do
  left=$((deadline - $(date +%s)))
  if [ "$left" -le 0 ]; then
    echo "mutants: the ${budget} budget ran out before $dir" >&2
    exit 1
  fi
  echo "mutants: $dir ($workers workers, timeout coefficient $coefficient, ${left}s left)" >&2
  t0=$(date +%s)
  # shellcheck disable=SC2046 # the -E rules are words
  if ! (cd "$work/src" && timeout -k 30 "$left" "$gremlins" unleash --workers "$workers" \
    --timeout-coefficient "$coefficient" ${MUTANTS_FLAGS:-} $(exclusions "$dir") "./$dir") >"$work/out" 2>&1; then
    cat "$work/out" >&2
    echo "mutants: gremlins failed or ran out of the ${budget} budget on $dir" >&2
    exit 1
  fi
  # Lines such as "       LIVED CONDITIONALS_BOUNDARY at retry.go:12:3", paths below $dir.
  sed -e 's/\x1b\[[0-9;]*m//g' "$work/out" |
    awk -v dir="$dir" '$NF ~ /:[0-9]+:[0-9]+$/ && $(NF-1) == "at" {
      status = $1; for (i = 2; i < NF - 2; i++) status = status " " $i
      print status "\t" $(NF-2) "\t" dir "/" $NF }' >>"$work/results"
  echo "mutants: $dir done in $(($(date +%s) - t0))s" >&2
done

# NOT COVERED, once more. gremlins takes coverage from Go's profile, which has no block for
# the expression of a switch's case, so it calls every mutant there NOT COVERED without running
# it. Each NOT COVERED mutant is applied here and its package tested (a copy per worker); one
# the tests kill counts as KILLED, one that outlasts the timeout as TIMED OUT, and one that
# does not compile as NOT VIABLE. (gremlins 0.6.0 itself counts a mutant that does not compile,
# such as + turned into - between strings, as KILLED.)
# mutate FILE LINE COL TYPE: applies gremlins' change for TYPE to the operator at LINE:COL.
mutate() {
  perl -i -e '
    my ($line, $col, $type) = splice(@ARGV, 1, 3);
    my %to = (
      ARITHMETIC_BASE => {"+" => "-", "-" => "+", "*" => "/", "/" => "*", "%" => "*"},
      CONDITIONALS_BOUNDARY => {">=" => ">", ">" => ">=", "<=" => "<", "<" => "<="},
      CONDITIONALS_NEGATION => {"==" => "!=", "!=" => "==", ">=" => "<", ">" => "<=", "<=" => ">", "<" => ">="},
      INCREMENT_DECREMENT => {"++" => "--", "--" => "++"},
      INVERT_NEGATIVES => {"-" => "+"},
    );
    while (<>) {
      if ($. == $line) {
        my $op = substr($_, $col - 1, 2) =~ /^(==|!=|<=|>=|\+\+|--)$/ ? $1 : substr($_, $col - 1, 1);
        exists $to{$type}{$op} or die "mutants: no $type change for \"$op\" at $ARGV:$line:$col\n";
        substr($_, $col - 1, length $op) = $to{$type}{$op};
      }
      print;
    }' "$@"
}
# retest SHARD: tests the NOT COVERED mutants of lines SHARD, SHARD+workers, … in a copy.
retest() {
  local shard=$1 copy="$work/retest-$1" n=0 status op pos file line col base rc
  cp -a "$work/src" "$copy"
  while IFS=$'\t' read -r status op pos; do
    n=$((n + 1))
    [ "$status" = "NOT COVERED" ] && [ $((n % workers)) = "$shard" ] || continue
    IFS=: read -r file line col <<<"$pos"
    base=${timeouts[$(dirname "$file")]}
    if [ "$(date +%s)" -ge "$deadline" ]; then
      touch "$work/out-of-time"
      break
    fi
    cp "$copy/$file" "$copy/$file.orig"
    if ! mutate "$copy/$file" "$line" "$col" "$op"; then
      mv "$copy/$file.orig" "$copy/$file"
      continue
    fi
    rc=0
    (cd "$copy" && timeout -k 10 "$base" go test -failfast "./$(dirname "$file")") >"$copy.out" 2>&1 || rc=$?
    case $rc in
      0) status="NOT COVERED" ;;
      124 | 137) status="TIMED OUT" ;;
      *) status=KILLED ;;
    esac
    # A change that does not compile (+ on strings) cannot change behaviour, run or not.
    if [ "$status" = KILLED ] && grep -q '\[build failed\]' "$copy.out"; then
      status="NOT VIABLE"
    fi
    mv "$copy/$file.orig" "$copy/$file"
    printf '%s\t%s\t%s\n' "$status" "$op" "$pos" >"$work/retested-$n"
  done <"$work/results"
}
# Each package's timeout: MUTANTS_TIMEOUT_COEFFICIENT × its unmutated test run, built.
declare -A timeouts
for dir in $(awk -F '\t' '$1 == "NOT COVERED" { sub(/\/[^\/]*$/, "", $3); print $3 }' "$work/results" | sort -u); do
  t0=$(date +%s)
  (cd "$work/src" && go test -count=1 "./$dir" >/dev/null 2>&1) || { echo "mutants: the tests of $dir fail unmutated" >&2; exit 1; }
  timeouts[$dir]=$(( ($(date +%s) - t0 + 1) * coefficient ))
done
if [ ${#timeouts[@]} -gt 0 ]; then
  echo "mutants: running the $(grep -c '^NOT COVERED' "$work/results") NOT COVERED mutants ($workers at a time)" >&2
  t0=$(date +%s)
  for shard in $(seq 0 $((workers - 1))); do retest "$shard" & done
  wait
  if [ -e "$work/out-of-time" ]; then
    echo "mutants: the ${budget} budget ran out while running the NOT COVERED mutants" >&2
    exit 1
  fi
  n=0
  while IFS=$'\t' read -r status op pos; do
    n=$((n + 1))
    if [ -f "$work/retested-$n" ]; then cat "$work/retested-$n"; else printf '%s\t%s\t%s\n' "$status" "$op" "$pos"; fi
  done <"$work/results" >"$work/results.retested"
  mv "$work/results.retested" "$work/results"
  echo "mutants: NOT COVERED mutants run in $(($(date +%s) - t0))s" >&2
fi

# The verdict: counts per package, and every LIVED or NOT COVERED mutant not accepted.
# (LC_ALL=C: gremlins' columns count bytes.)
LC_ALL=C awk -v accepted="$accepted" -v src="$work/src" -v elapsed=$(($(date +%s) - start)) -F '\t' '
  function marked(file, line, col,    text, op, two) {
    # The source line with the mutated operator marked «»: the fingerprint of a mutant that
    # survives lines moving above it, and says which of a line'"'"'s operators it is.
    if (!((file, line) in lines)) {
      n = 0
      while ((getline text < (src "/" file)) > 0) lines[file, ++n] = text
      close(src "/" file)
    }
    text = lines[file, line]
    two = substr(text, col, 2)
    op = (two ~ /^(==|!=|<=|>=|\+\+|--|&&|\|\||<<|>>)$/) ? two : substr(text, col, 1)
    text = substr(text, 1, col - 1) "«" op "»" substr(text, col + length(op))
    gsub(/^[ \t]+|[ \t]+$/, "", text)
    return text
  }
  BEGIN {
    while ((getline entry < accepted) > 0) {
      if (entry ~ /^#/ || entry ~ /^[ \t]*$/) continue
      if (entry ~ /^[ \t]/) { reason[key] = reason[key] entry; continue }
      key = entry; sub(/[ \t]+$/, "", key); listed[key] = 1; order[++nlisted] = key
    }
    for (i = 1; i <= nlisted; i++)
      if (reason[order[i]] == "") { print "mutants: accepted without a reason: " order[i]; bad++ }
  }
  {
    status = $1; op = $2; pos = $3
    split(pos, p, ":"); file = p[1]; pkg = file; sub(/\/[^\/]*$/, "", pkg)
    if (!(pkg in seen)) { seen[pkg] = 1; pkgs[++npkgs] = pkg }
    count[pkg, status]++
    if (status == "TIMED OUT") timedout[++ntimedout] = sprintf("%s %s %s", pos, op, marked(file, p[2], p[3]))
    if (status != "LIVED" && status != "NOT COVERED") next
    key = file " " op " " marked(file, p[2], p[3])
    if (key in listed) { used[key] = 1; next }
    unaccepted[++nbad] = sprintf("%-11s %s %s\n            %s", status, pos, op, marked(file, p[2], p[3]))
  }
  END {
    printf "\n%-26s %6s %5s %11s %9s %10s %8s %8s\n", "package", "killed", "lived", "not covered", "timed out", "not viable", "efficacy", "coverage"
    for (i = 1; i <= npkgs; i++) {
      k = count[pkgs[i], "KILLED"]; l = count[pkgs[i], "LIVED"]; c = count[pkgs[i], "NOT COVERED"]; t = count[pkgs[i], "TIMED OUT"]; v = count[pkgs[i], "NOT VIABLE"]
      K += k; L += l; C += c; T += t; V += v
      printf "%-26s %6d %5d %11d %9d %10d %7.1f%% %7.1f%%\n", pkgs[i], k, l, c, t, v, k + l ? 100 * k / (k + l) : 100, k + l + c ? 100 * (k + l) / (k + l + c) : 100
    }
    printf "%-26s %6d %5d %11d %9d %10d %7.1f%% %7.1f%%\n", "total", K, L, C, T, V, K + L ? 100 * K / (K + L) : 100, K + L + C ? 100 * (K + L) / (K + L + C) : 100
    printf "efficacy = killed / (killed + lived); coverage = (killed + lived) / (killed + lived + not covered); %d s\n", elapsed
    for (i = 1; i <= ntimedout; i++)
      print "mutants: timed out (the tests hung or slowed past the timeout; counted, not a failure): " timedout[i]
    for (i = 1; i <= nlisted; i++)
      if (!(order[i] in used)) print "mutants: accepted but not seen in this run (killed: remove it if a test now kills it every time; a test that fails by chance under load also kills): " order[i]
    if (nbad) {
      printf "\nmutants: %d LIVED or NOT COVERED mutants are neither killed nor listed in %s:\n", nbad, accepted
      for (i = 1; i <= nbad; i++) print "  " unaccepted[i]
      print "Kill each with a test that fails under it, or list it there (the second line above, after the file and the operator) with the reason it cannot change behaviour."
    }
    exit (nbad + bad > 0)
  }' "$work/results"
