// SPDX-License-Identifier: GPL-2.0
/*
 * One routing table: insert, delete, longest-prefix lookup, flush, dump.
 * 6.1: net/ipv4/fib_trie.c keeps the routes in an LC-trie (a compressed
 * radix tree) so a lookup costs a few memory reads for a million routes.
 * A teaching box has a dozen routes, so this file keeps a plain list
 * sorted longest prefix first: the first entry that matches is the longest
 * match, which is what the trie's backtracking finds. The rules that decide
 * whether an entry *may* match (tos, scope, dead or foreign nexthop) are
 * 6.1's, in fib_table_lookup() and fib_lookup_good_nhc().
 */
#include <stdlib.h>
#include <string.h>
#include <linux/ftrace.h>
#include <linux/inetdevice.h>
#include <net/ip_fib.h>

/* Per-type facts: the error a lookup returns and the narrowest scope.
 * 6.1: fib_props[] in fib_semantics.c. */
static const struct {
	int	error;
	u8	scope;
} fib_props[__RTN_MAX] = {
	[RTN_UNSPEC]	  = { 0, RT_SCOPE_NOWHERE },
	[RTN_UNICAST]	  = { 0, RT_SCOPE_UNIVERSE },
	[RTN_LOCAL]	  = { 0, RT_SCOPE_HOST },
	[RTN_BROADCAST]	  = { 0, RT_SCOPE_LINK },
	[RTN_ANYCAST]	  = { 0, RT_SCOPE_LINK },
	[RTN_MULTICAST]	  = { 0, RT_SCOPE_UNIVERSE },
	[RTN_BLACKHOLE]	  = { -EINVAL, RT_SCOPE_UNIVERSE },
	[RTN_UNREACHABLE] = { -EHOSTUNREACH, RT_SCOPE_UNIVERSE },
	[RTN_PROHIBIT]	  = { -EACCES, RT_SCOPE_UNIVERSE },
	[RTN_THROW]	  = { -EAGAIN, RT_SCOPE_UNIVERSE },
	[RTN_NAT]	  = { -EINVAL, RT_SCOPE_NOWHERE },
	[RTN_XRESOLVE]	  = { -EINVAL, RT_SCOPE_NOWHERE },
};

/* 6.1: fib_props[type].error. */
int fib_type_error(unsigned int type);
/* 6.1: fib_props[type].scope. */
int fib_type_scope(unsigned int type);

/* sim: 6.1 reads fib_props[type].error in place. */
int fib_type_error(unsigned int type)
{
	return type < __RTN_MAX ? fib_props[type].error : -EINVAL;
}

/* sim: 6.1 reads fib_props[type].scope in place. */
int fib_type_scope(unsigned int type)
{
	return type < __RTN_MAX ? fib_props[type].scope : RT_SCOPE_NOWHERE;
}

/* 6.1: fib_trie_table() allocates the trie root; here a list head. */
struct fib_table *fib_trie_table(u32 id)
{
	struct fib_table *tb = calloc(1, sizeof(*tb));

	if (!tb)
		return NULL;
	tb->tb_id = id;
	INIT_LIST_HEAD(&tb->tb_routes);
	return tb;
}

/* 6.1: fib_free_table(); every route still in it goes too. */
void fib_free_table(struct fib_table *tb)
{
	struct fib_info *fi, *n;

	list_for_each_entry_safe(fi, n, &tb->tb_routes, fib_list) {
		list_del(&fi->fib_list);
		free(fi);
	}
	free(tb);
}

static bool fib_same_key(const struct fib_info *fi, __be32 dst, u8 len,
			 u8 tos)
{
	return fi->fib_dst == dst && fi->fib_dst_len == len &&
	       fi->fib_tos == tos;
}

/*
 * Same route in every respect that fib_magic and `ip route` compare.
 * 6.1: what fib_table_insert() compares (fa_info, type, tos).
 */
static bool fib_same_info(const struct fib_info *a, const struct fib_info *b)
{
	return a->fib_type == b->fib_type && a->fib_scope == b->fib_scope &&
	       a->fib_priority == b->fib_priority &&
	       a->fib_prefsrc == b->fib_prefsrc &&
	       a->fib_nh[0].fib_nh_oif == b->fib_nh[0].fib_nh_oif &&
	       a->fib_nh[0].fib_nh_gw4 == b->fib_nh[0].fib_nh_gw4;
}

/*
 * Insert @new (made by fib_create_info) into @tb.
 * 6.1: fib_table_insert() into the trie; here into the sorted list.
 * NLM_F_EXCL: any route with the same prefix, tos and metric is a clash
 * (-EEXIST); NLM_F_REPLACE swaps the first one; otherwise (APPEND, what
 * fib_magic uses) an identical route is a clash and a different one joins
 * after its equals.
 */
int fib_table_insert_info(struct fib_table *tb, struct fib_info *new,
			  u32 nlflags);

/* sim: the insertion step of 6.1's fib_table_insert(), as described above. */
int fib_table_insert_info(struct fib_table *tb, struct fib_info *new,
			  u32 nlflags)
{
	struct fib_info *fi, *pos = NULL;

	list_for_each_entry(fi, &tb->tb_routes, fib_list) {
		if (!fib_same_key(fi, new->fib_dst, new->fib_dst_len,
				  new->fib_tos) ||
		    fi->fib_priority != new->fib_priority)
			continue;
		if (nlflags & NLM_F_EXCL)
			return -EEXIST;
		if (nlflags & NLM_F_REPLACE) {
			list_add(&new->fib_list, &fi->fib_list);
			list_del(&fi->fib_list);
			free(fi);
			return 0;
		}
		if (fib_same_info(fi, new))
			return -EEXIST;
	}
	if (!(nlflags & NLM_F_CREATE))
		return -ENOENT;
	/* after every entry that sorts before or equal: longer prefix, or
	 * same prefix with a smaller or equal metric */
	list_for_each_entry(fi, &tb->tb_routes, fib_list) {
		if (fi->fib_dst_len < new->fib_dst_len ||
		    (fi->fib_dst_len == new->fib_dst_len &&
		     fi->fib_priority > new->fib_priority)) {
			pos = fi;
			break;
		}
	}
	list_add_tail(&new->fib_list, pos ? &pos->fib_list : &tb->tb_routes);
	return 0;
}

/* 6.1: fib_nh_match() in net/ipv4/fib_semantics.c, for one nexthop. */
static bool fib_nh_match(const struct fib_config *cfg,
			 const struct fib_info *fi)
{
	if (cfg->fc_oif && cfg->fc_oif != fi->fib_nh[0].fib_nh_oif)
		return false;
	if (cfg->fc_gw4 && cfg->fc_gw4 != fi->fib_nh[0].fib_nh_gw4)
		return false;
	return true;
}

/*
 * Delete the first route matching @cfg.
 * 6.1: fib_table_delete(), whose
 * wildcards these are: type 0, scope RT_SCOPE_NOWHERE, protocol 0,
 * prefsrc 0, metric 0, oif 0, gateway 0 match anything.
 */
int fib_table_delete(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack)
{
	__be32 mask = inet_make_mask(cfg->fc_dst_len);
	struct fib_info *fi;

	if (cfg->fc_dst_len > 32 || (cfg->fc_dst & ~mask)) {
		NL_SET_ERR_MSG(extack,
			       "Invalid prefix for given prefix length");
		return -EINVAL;
	}
	list_for_each_entry(fi, &tb->tb_routes, fib_list) {
		if (!fib_same_key(fi, cfg->fc_dst, cfg->fc_dst_len,
				  cfg->fc_tos))
			continue;
		if (cfg->fc_type && fi->fib_type != cfg->fc_type)
			continue;
		if (cfg->fc_scope != RT_SCOPE_NOWHERE &&
		    fi->fib_scope != cfg->fc_scope)
			continue;
		if (cfg->fc_prefsrc && fi->fib_prefsrc != cfg->fc_prefsrc)
			continue;
		if (cfg->fc_protocol && fi->fib_protocol != cfg->fc_protocol)
			continue;
		if (cfg->fc_priority && fi->fib_priority != cfg->fc_priority)
			continue;
		if (!fib_nh_match(cfg, fi))
			continue;
		list_del(&fi->fib_list);
		free(fi);
		return 0;
	}
	return -ESRCH;
}

/* 6.1: fib_lookup_good_nhc(). */
static bool fib_lookup_good_nhc(const struct fib_nh *nh, int fib_flags,
				const struct flowi4 *flp)
{
	if (nh->fib_nh_flags & RTNH_F_DEAD)
		return false;
	/* ignore_routes_with_linkdown is 0 here: LINKDOWN routes still match */
	if (flp->flowi4_oif && flp->flowi4_oif != nh->fib_nh_oif)
		return false;
	return true;
}

/*
 * Longest-prefix match of flp->daddr.
 * 6.1: fib_table_lookup() walks the LC-trie; here a list sorted longest
 * prefix first, so the first entry that may match is the answer. -EAGAIN
 * when nothing matches (the caller tries the next table), a type's error
 * for unreachable/prohibit/blackhole routes, 0 with @res filled. An entry
 * whose nexthop is not the requested oif is skipped: `ping -I veth0` to an
 * address that is local on veth1 skips the local route and finds the
 * connected route out of veth0.
 */
static int __fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp,
			      struct fib_result *res, int fib_flags)
{
	struct fib_info *fi;

	list_for_each_entry(fi, &tb->tb_routes, fib_list) {
		__be32 mask = inet_make_mask(fi->fib_dst_len);
		int err;

		if ((flp->daddr ^ fi->fib_dst) & mask)
			continue;
		if (fi->fib_tos && fi->fib_tos != flp->flowi4_tos)
			continue;
		if (fi->fib_flags & RTNH_F_DEAD)
			continue;
		if (fi->fib_scope < flp->flowi4_scope)
			continue;
		err = fib_type_error(fi->fib_type);
		if (err) {
			if (err == -EAGAIN)	/* throw: next table */
				return err;
			return err;
		}
		if (!fib_lookup_good_nhc(&fi->fib_nh[0], fib_flags, flp))
			continue;
		res->prefix = fi->fib_dst;
		res->prefixlen = fi->fib_dst_len;
		res->nh_sel = 0;
		res->type = fi->fib_type;
		res->scope = fi->fib_scope;
		res->fi = fi;
		res->table = tb;
		res->nhc = &fi->fib_nh[0];
		return 0;
	}
	return -EAGAIN;
}

/*
 * 6.1: fib_table_lookup(): one lookup; in the main table it covers the
 * local routes as well (the merged trie of tb_merged), so 6.1's
 * fib_lookup() without custom rules is this one call.
 */
int fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp,
		     struct fib_result *res, int fib_flags)
{
	FTRACE_ENTRY();

	if (tb->tb_merged) {
		int err = __fib_table_lookup(tb->tb_merged, flp, res,
					     fib_flags);

		if (err != -EAGAIN)
			return err;
	}
	return __fib_table_lookup(tb, flp, res, fib_flags);
}

/*
 * Remove dead routes (or all of them).
 * 6.1: fib_table_flush().
 */
int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all)
{
	struct fib_info *fi, *n;
	int found = 0;

	list_for_each_entry_safe(fi, n, &tb->tb_routes, fib_list) {
		if (!flush_all && !(fi->fib_flags & RTNH_F_DEAD))
			continue;
		list_del(&fi->fib_list);
		free(fi);
		found++;
	}
	return found;
}

/* Dump order: the trie walks keys upwards; one key's prefixes go longest
 * first; equal ones in list order. */
static int fib_dump_cmp(const void *pa, const void *pb)
{
	const struct fib_info *a = *(const struct fib_info *const *)pa;
	const struct fib_info *b = *(const struct fib_info *const *)pb;
	u32 ka = ntohl(a->fib_dst), kb = ntohl(b->fib_dst);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->fib_dst_len != b->fib_dst_len)
		return a->fib_dst_len > b->fib_dst_len ? -1 : 1;
	return 0;
}

int fib_table_dump(struct fib_table *tb,
		   int (*fn)(const struct fib_info *fi, void *arg), void *arg);

/* 6.1: fib_table_dump(); here sorted into trie order first. */
int fib_table_dump(struct fib_table *tb,
		   int (*fn)(const struct fib_info *fi, void *arg), void *arg)
{
	struct fib_info *fi, **v;
	size_t n = 0, i;
	int ret = 0;

	list_for_each_entry(fi, &tb->tb_routes, fib_list)
		n++;
	if (!n)
		return 0;
	v = calloc(n, sizeof(*v));
	if (!v)
		return -ENOMEM;
	i = 0;
	list_for_each_entry(fi, &tb->tb_routes, fib_list)
		v[i++] = fi;
	/* insertion sort: stable, so equal keys keep list order */
	for (i = 1; i < n; i++) {
		struct fib_info *x = v[i];
		size_t j = i;

		while (j > 0 && fib_dump_cmp(&v[j - 1], &x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
	for (i = 0; i < n && !ret; i++)
		ret = fn(v[i], arg);
	free(v);
	return ret;
}
