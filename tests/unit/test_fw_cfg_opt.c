/* test_fw_cfg_opt.c: --fw-cfg parsing: QEMU's syntax, and a specific error for each bad input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fw_cfg/opt.h"

static void good(void **state)
{
	struct fw_cfg_opt o;

	assert_int_equal(fw_cfg_opt_parse(&o, "name=opt/org.example/a,file=/tmp/x"), 0);
	assert_string_equal(o.name, "opt/org.example/a");
	assert_string_equal(o.file, "/tmp/x");
	assert_null(o.string);
	assert_false(o.name_outside_opt);
	fw_cfg_opt_release(&o);

	/* Keys in any order; ",," is a comma inside a value. */
	assert_int_equal(fw_cfg_opt_parse(&o, "string=a,,b,,,,c=d,name=opt/s"), 0);
	assert_string_equal(o.string, "a,b,,c=d");
	assert_string_equal(o.name, "opt/s");
	assert_null(o.file);
	fw_cfg_opt_release(&o);

	/* The first element may leave out "name=" (QEMU's implied key). */
	assert_int_equal(fw_cfg_opt_parse(&o, "opt/x,,y,string=hello"), 0);
	assert_string_equal(o.name, "opt/x,y");
	assert_string_equal(o.string, "hello");
	fw_cfg_opt_release(&o);

	/* A trailing comma ends the list, as in QEMU. */
	assert_int_equal(fw_cfg_opt_parse(&o, "name=opt/t,string=v,"), 0);
	assert_string_equal(o.string, "v");
	fw_cfg_opt_release(&o);

	/* '=' inside a value is kept. */
	assert_int_equal(fw_cfg_opt_parse(&o, "name=opt/e,string=a=b"), 0);
	assert_string_equal(o.string, "a=b");
	fw_cfg_opt_release(&o);
}

static void warns_outside_opt(void **state)
{
	struct fw_cfg_opt o;

	assert_int_equal(fw_cfg_opt_parse(&o, "name=etc/foo,string=x"), 0);
	assert_true(o.name_outside_opt);
	fw_cfg_opt_release(&o);
	assert_int_equal(fw_cfg_opt_parse(&o, "name=opt,string=x"), 0);
	assert_true(o.name_outside_opt);
	fw_cfg_opt_release(&o);
}

static void name_length(void **state)
{
	char arg[128];
	struct fw_cfg_opt o;

	/* 55 bytes is the limit (56 with the NUL). */
	snprintf(arg, sizeof(arg), "name=opt/%051d,string=x", 0);
	assert_int_equal(fw_cfg_opt_parse(&o, arg), 0);
	assert_int_equal(strlen(o.name), 55);
	fw_cfg_opt_release(&o);
	snprintf(arg, sizeof(arg), "name=opt/%052d,string=x", 0);
	assert_int_equal(fw_cfg_opt_parse(&o, arg), -EINVAL);
	assert_int_equal(o.err, FW_CFG_OPT_NAME_TOO_LONG);
	fw_cfg_opt_release(&o);
}

static void expect(const char *arg, enum fw_cfg_opt_err err, const char *key)
{
	struct fw_cfg_opt o;

	assert_int_equal(fw_cfg_opt_parse(&o, arg), -EINVAL);
	assert_int_equal(o.err, err);
	if (key)
		assert_string_equal(o.key, key);
	assert_string_not_equal(fw_cfg_opt_strerror(o.err), "unknown error");
	fw_cfg_opt_release(&o);
}

static void errors(void **state)
{
	struct fw_cfg_opt o;

	expect("", FW_CFG_OPT_EMPTY, NULL);
	assert_int_equal(fw_cfg_opt_parse(&o, NULL), -EINVAL);
	fw_cfg_opt_release(&o);
	expect("file=/x", FW_CFG_OPT_NO_NAME, NULL);
	expect("name=,file=/x", FW_CFG_OPT_NO_NAME, NULL);
	expect(",file=/x", FW_CFG_OPT_NO_NAME, NULL);
	expect("name=opt/a", FW_CFG_OPT_NO_CONTENT, NULL);
	expect("opt/a", FW_CFG_OPT_NO_CONTENT, NULL);
	expect("name=opt/a,file=/x,string=y", FW_CFG_OPT_BOTH_CONTENT, NULL);
	expect("name=opt/a,file=", FW_CFG_OPT_EMPTY_VALUE, "file");
	expect("name=opt/a,string=", FW_CFG_OPT_EMPTY_VALUE, "string");
	expect("name=opt/a,file", FW_CFG_OPT_NO_VALUE, "file");
	expect("name=opt/a,size=3,string=x", FW_CFG_OPT_UNKNOWN_KEY, "size");
	expect("name=opt/a,=x", FW_CFG_OPT_UNKNOWN_KEY, "");
	expect("name=opt/a,name=opt/b,string=x", FW_CFG_OPT_REPEATED_KEY, "name");
	expect("opt/a,name=opt/b,string=x", FW_CFG_OPT_REPEATED_KEY, "name");
	expect("name=opt/a,string=x,string=y", FW_CFG_OPT_REPEATED_KEY, "string");
	expect("name=opt/a,gen_id=g0", FW_CFG_OPT_GEN_ID, "gen_id");
	assert_string_equal(fw_cfg_opt_strerror(FW_CFG_OPT_OK), "no error");
	assert_string_equal(fw_cfg_opt_strerror((enum fw_cfg_opt_err)99), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good),
		cmocka_unit_test(warns_outside_opt),
		cmocka_unit_test(name_length),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests_name("fw_cfg_opt", tests, NULL, NULL);
}
