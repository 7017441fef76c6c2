package audit_test

import (
	"testing"

	"github.com/kpilint/kpilint/internal/document/documenttest"
)

func TestMain(m *testing.M) { documenttest.MainWithPoisonedArenas(m) }
