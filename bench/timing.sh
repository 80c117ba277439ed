# Shell helpers for the bench scripts (sourced, not run).

seconds() { # command… → wall seconds
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print($end - $start)"
}
