"""Resource links (a resource such as an application is the parent, a server the child)."""

from __future__ import annotations

from ...http_types import ApiError, Response, validation_error


class LinkHandlers:
    def _link_page(self, request, query, links):
        return self.paginate(request, query, links,
                             lambda link: self.render("ResourceLinkRelation", self.view_link(*link)))

    def list_resource_links_by_resource_type(self, request, path, query, body):
        self.resource(path["resource_type"], path["resource_id"])
        return self._link_page(request, query, self.links_of(path["resource_type"], path["resource_id"]))

    def list_resource_links_by_resource_type_and_link_type(self, request, path, query, body):
        self.resource(path["resource_type"], path["resource_id"])
        if path["link_type"] not in ("child", "parent"):
            raise validation_error({"link_type": ["The link type must be one of: child, parent."]})
        links = [link for link in self.links_of(path["resource_type"], path["resource_id"])
                 if link[0] == path["link_type"]]
        if "linked_resource_type" in query:
            links = [link for link in links if link[1] == query["linked_resource_type"]]
        return self._link_page(request, query, links)

    def link_resource_link_to_resource_link(self, request, path, query, body):
        parent = self.resource(path["resource_type"], path["resource_id"])
        child = self.resource(path["child_type"], path["child_id"])
        if parent.get("environment_id") != child.get("environment_id"):
            raise ApiError(422, "Resources must belong to the same environment.")
        self.link(path["resource_type"], path["resource_id"], path["child_type"], path["child_id"])
        return Response(204)

    def unlink_resource_link_from_resource_link(self, request, path, query, body):
        self.resource(path["resource_type"], path["resource_id"])
        self.resource(path["child_type"], path["child_id"])
        pair = {(path["resource_type"], path["resource_id"]), (path["child_type"], path["child_id"])}
        before = len(self.links)
        self.links = [lk for lk in self.links if {(lk[0], lk[1]), (lk[2], lk[3])} != pair]
        if len(self.links) == before:
            raise ApiError(404, "Resources are not linked.")
        return Response(204)
