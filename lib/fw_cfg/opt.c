/* opt.c: --fw-cfg name=opt/NAME,file=PATH|string=TEXT, with QEMU's QemuOpts quoting rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "abi/fw_cfg.h"
#include "fw_cfg/opt.h"

static int fw_cfg_opt_fail(struct fw_cfg_opt *o, enum fw_cfg_opt_err err,
			   const char *key)
{
	o->err = err;
	o->key = key;
	return -EINVAL;
}

/*
 * Copy one value from *src into *dst up to a lone ',' or the end, turning
 * ",," into ','; NUL-terminate it and step over the ending ','.
 */
static const char *fw_cfg_opt_value(const char **src, char **dst)
{
	const char *s = *src;
	char *start = *dst, *d = *dst;

	for (; *s; s++) {
		if (*s == ',') {
			if (s[1] != ',')
				break;
			s++;
		}
		*d++ = *s;
	}
	*d++ = '\0';
	if (*s == ',')
		s++;
	*src = s;
	*dst = d;
	return start;
}

/* Store value under key; each key at most once. */
static int fw_cfg_opt_set(struct fw_cfg_opt *o, const char *key,
			  const char *value, bool *gen_id)
{
	const char **slot;

	if (!strcmp(key, "gen_id")) {
		*gen_id = true; /* known to QEMU; refused after parsing */
		return 0;
	}
	if (!strcmp(key, "name"))
		slot = &o->name;
	else if (!strcmp(key, "file"))
		slot = &o->file;
	else if (!strcmp(key, "string"))
		slot = &o->string;
	else
		return fw_cfg_opt_fail(o, FW_CFG_OPT_UNKNOWN_KEY, key);
	if (*slot)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_REPEATED_KEY, key);
	*slot = value;
	return 0;
}

/* Split arg into key=value pairs (the buffer holds every copy). */
static int fw_cfg_opt_split(struct fw_cfg_opt *o, const char *arg,
			    bool *gen_id)
{
	char *dst = o->buf;
	bool first = true;

	while (*arg) {
		size_t klen = strcspn(arg, "=,");
		const char *key = "name", *value;
		int ret;

		if (arg[klen] != '=' && !first) {
			memcpy(dst, arg, klen);
			dst[klen] = '\0';
			return fw_cfg_opt_fail(o, FW_CFG_OPT_NO_VALUE, dst);
		}
		if (arg[klen] == '=') {
			/* Keys take no quoting: up to the '='. */
			memcpy(dst, arg, klen);
			dst[klen] = '\0';
			key = dst;
			dst += klen + 1;
			arg += klen + 1;
		}
		value = fw_cfg_opt_value(&arg, &dst);
		ret = fw_cfg_opt_set(o, key, value, gen_id);
		if (ret)
			return ret;
		first = false;
	}
	return 0;
}

int fw_cfg_opt_parse(struct fw_cfg_opt *o, const char *arg)
{
	bool gen_id = false;
	int ret;

	memset(o, 0, sizeof(*o));
	if (!arg || !*arg)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_EMPTY, NULL);
	/* Every copy is no longer than its source plus a NUL. */
	o->buf = malloc(strlen(arg) + 2);
	if (!o->buf)
		return -ENOMEM;
	ret = fw_cfg_opt_split(o, arg, &gen_id);
	if (ret)
		return ret;
	if (gen_id)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_GEN_ID, "gen_id");
	if (!o->name || !*o->name)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_NO_NAME, NULL);
	if (o->file && o->string)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_BOTH_CONTENT, NULL);
	if (!o->file && !o->string)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_NO_CONTENT, NULL);
	if (strlen(o->name) > FW_CFG_MAX_FILE_PATH - 1)
		return fw_cfg_opt_fail(o, FW_CFG_OPT_NAME_TOO_LONG, NULL);
	if ((o->file && !*o->file) || (o->string && !*o->string))
		return fw_cfg_opt_fail(o, FW_CFG_OPT_EMPTY_VALUE,
				       o->file ? "file" : "string");
	o->name_outside_opt = strncmp(o->name, "opt/", 4) != 0;
	return 0;
}

void fw_cfg_opt_release(struct fw_cfg_opt *o)
{
	free(o->buf);
	o->buf = NULL;
}

const char *fw_cfg_opt_strerror(enum fw_cfg_opt_err err)
{
	switch (err) {
	case FW_CFG_OPT_OK:
		return "no error";
	case FW_CFG_OPT_EMPTY:
		return "the option is empty";
	case FW_CFG_OPT_NO_NAME:
		return "name= is missing or empty";
	case FW_CFG_OPT_NAME_TOO_LONG:
		return "name is longer than 55 bytes";
	case FW_CFG_OPT_NO_CONTENT:
		return "one of file= or string= is needed";
	case FW_CFG_OPT_BOTH_CONTENT:
		return "file= and string= exclude each other";
	case FW_CFG_OPT_EMPTY_VALUE:
		return "file= or string= has an empty value";
	case FW_CFG_OPT_NO_VALUE:
		return "a key has no =value";
	case FW_CFG_OPT_UNKNOWN_KEY:
		return "unknown key (expected name, file or string)";
	case FW_CFG_OPT_REPEATED_KEY:
		return "a key is given twice";
	case FW_CFG_OPT_GEN_ID:
		return "gen_id= is not supported";
	}
	return "unknown error";
}
